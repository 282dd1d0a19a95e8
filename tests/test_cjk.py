"""Chinese and Japanese, written without spaces, and Korean, which writes particles into its words:
copies and rewrites found, one story's other reports not."""

from __future__ import annotations

import random

import pytest

import reuse
from reuse import Article, ReuseKind
from reuse.text import analyze
from stories import assert_copy_and_rewrite_only, scan_pairs

SOURCE = (
    "新华社长沙7月12日电 受连日强降雨影响，湖南省多地出现严重洪涝灾害，截至12日上午已造成15人死亡、8人失踪。\n"
    "据湖南省应急管理厅介绍，此次降雨过程从7月8日开始，全省共有42个县市区累计降雨量超过200毫米，其中怀化、邵阳等地局部超过400毫米。\n"
    "洪水冲毁道路和桥梁，导致部分乡镇通信和电力中断，约3.6万名群众被紧急转移安置。\n"
    "省防汛抗旱指挥部已将防汛应急响应提升至二级，并派出12个工作组赶赴受灾地区指导抢险救灾。\n"
    "气象部门预计，未来三天湘西和湘中地区仍将有大到暴雨，局地可能出现山洪和泥石流等次生灾害。\n"
    "当地官员表示，目前最紧迫的任务是搜救失踪人员，并确保转移群众的饮水和食品供应。"
)
COPY = SOURCE + "\n责任编辑：王明\n分享到：微信 微博 QQ空间"
REWRITE = (
    "湖南连日暴雨成灾 已致15死8失踪\n"
    "连续多日的强降雨使湖南多个地区遭受严重洪涝，到12日上午，灾害已导致15人遇难，另有8人下落不明。\n"
    "湖南省应急管理厅称，这轮降雨自7月8日开始，全省42个县市区的累计雨量超过200毫米，怀化和邵阳部分地区甚至超过400毫米。\n"
    "由于洪水冲毁了道路与桥梁，一些乡镇的通信及电力供应中断，大约3.6万人已被紧急转移。\n"
    "湖南省防汛抗旱指挥部把防汛应急响应提高到二级，派出12个工作组前往灾区指导抢险。\n"
    "据气象部门预测，今后三天湘西、湘中一带还会出现大到暴雨，局部地区可能发生山洪、泥石流等灾害。"
)
# The same flood, told by other reporters: the story's names and words, none of its sentences.
SAME_STORY = (
    "记者在怀化市鹤城区看到，洪水退去后，街道上堆满了淤泥和被冲坏的家具。\n"
    "一家超市的老板李先生说，店里的货物几乎全部被水泡坏，损失超过二十万元。\n"
    "志愿者们正在帮助居民清理房屋，附近学校的操场被临时改作物资发放点。\n"
    "一位七十多岁的老人告诉记者，她在这里住了五十年，从没见过这么大的水。\n"
    "目前，当地政府已组织卫生防疫人员对受灾区域进行消毒，防止灾后疫情发生。"
)
SAME_TOPIC = (
    "受南方持续降雨影响，近期湖南、江西等地蔬菜价格明显上涨。\n"
    "长沙一家农贸市场的摊主表示，青菜和豆角的批发价比上周上涨了三成左右。\n"
    "业内人士分析，洪水导致部分产区减产，加上道路运输受阻，短期内菜价可能继续走高。\n"
    "商务部门表示，将加强产销对接，从外省调运蔬菜，保障市场供应和价格基本稳定。"
)
JAPANESE = (
    "政府は12日、記録的な大雨で被害を受けた九州北部の三つの県に災害救助法を適用すると発表した。\n"
    "気象庁によると、福岡県と大分県では48時間の雨量が平年の7月1か月分を超え、多くの川で氾濫危険水位に達した。\n"
    "これまでに住宅約1200棟が浸水し、約4万人に避難指示が出されている。"
)


_pairs = scan_pairs


def test_language_is_guessed_from_function_characters():
    assert analyze(SOURCE).language == "zh"
    assert analyze(SAME_STORY).language == "zh"
    assert analyze(JAPANESE).language == "ja"


def test_chinese_copy_and_rewrite_are_found_and_other_reports_of_the_story_are_not():
    assert_copy_and_rewrite_only(SOURCE, COPY, REWRITE, SAME_STORY, SAME_TOPIC)


# The 200 most used Chinese characters, roughly by frequency.
COMMON = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都"
    "然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三己老从动两长知民样现分将外但身些与高意进把法此实"
    "回二理美点月明其种声全工话"
)


def test_texts_of_the_same_common_characters_are_not_paired():
    """Sixty texts drawn from the same common characters (Zipf weights), none copied: no pair.

    Matched one character at a time, as before character pairs, four or five such pairs came out as heavy rewrites.
    """
    rng = random.Random(2)
    weights = [1 / (k + 1) for k in range(len(COMMON))]
    texts = {
        f"t{k:02d}.txt": "".join("".join(rng.choices(COMMON, weights, k=rng.randint(12, 30))) + rng.choice("。，") for _ in range(12))
        for k in range(60)
    }
    assert _pairs(texts) == {}


def test_japanese_copy_is_verbatim():
    pairs = _pairs({"a.txt": JAPANESE, "b.txt": "大雨の被害\n" + JAPANESE, "c.txt": SAME_TOPIC})
    assert [p.kind for p in pairs.values()] == [ReuseKind.VERBATIM]


# SOURCE with a word or two changed in every sentence: runs of 10 to 25 characters, 5 to 12 words.
LIGHT = (
    SOURCE.replace("受连日强降雨影响", "受连续强降雨影响").replace("已造成15人死亡", "已导致15人死亡")
    .replace("据湖南省应急管理厅介绍", "据湖南省应急管理厅通报").replace("全省共有42个", "全省共计42个")
    .replace("其中怀化、邵阳等地", "其中怀化和邵阳等地").replace("导致部分乡镇", "造成部分乡镇").replace("约3.6万名群众", "大约3.6万名群众")
    .replace("已将防汛应急响应", "已把防汛应急响应").replace("赶赴受灾地区", "前往受灾地区")
    .replace("气象部门预计", "气象部门预测").replace("仍将有大到暴雨", "仍会有大到暴雨")
    .replace("当地官员表示", "当地官员称").replace("并确保转移群众", "同时确保转移群众")
)


def test_a_chinese_copy_edited_in_every_sentence_is_a_light_rewrite_not_verbatim():
    """Runs are counted in words, a character counting half of one: 17 characters between edits read as verbatim."""
    pairs = _pairs({"a.txt": SOURCE, "b.txt": LIGHT, "c.txt": SAME_STORY, "d.txt": SAME_TOPIC})
    assert [(p.kind, p.extent.value) for p in pairs.values()] == [(ReuseKind.LIGHT_REWRITE, "whole")]
    assert all(q.kind is ReuseKind.LIGHT_REWRITE for q in pairs[frozenset(("a.txt", "b.txt"))].passages)


def test_character_pairs_not_characters_carry_a_rewrite():
    """Two texts made of the same characters in other pairs share no rewrite items; the same pairs reordered share all."""
    stems = lambda text: set(analyze(text, "").stems.tolist()) - {0}  # noqa: E731
    assert not stems("国家发展经济") & stems("济经展发家国")
    assert stems("国家发展，经济增长") == stems("经济增长，国家发展")
    # A stopword is skipped: the characters around it still pair.
    zh = analyze("发展的经济", "zh").stems
    assert zh[2] == 0 and set(zh.tolist()) == set(analyze("发展经济", "zh").stems.tolist())


@pytest.mark.parametrize("text, lone", [("東", "東"), ("東 京", "東京"), ("a東b", "東"), ("东京。大", "大"), ("的东。大", "东大")])
def test_a_lone_character_keeps_its_own_stem(text, lone):
    """A CJK character with no content character beside it is matched as itself, as a word of any other script is."""
    a = analyze(text, "")
    own = {int(analyze(ch + "x", "").stems[0]) for ch in lone}  # beside a Latin letter: alone in its run
    mine = {int(v) for v, w in zip(a.stems, [text[s:e] for s, e in zip(a.starts, a.ends)]) if w in lone}
    assert mine and mine <= own


def test_a_chinese_passage_gives_the_same_pairs_whatever_language_its_text_is_taken_for():
    """Quoted in an English article, guessed as nothing, or in a Chinese one: the same items, function characters left out."""
    passage = "国务院总理在北京会见了来访的法国外交部长，双方就两国关系交换了意见。"
    english = "The premier said: " + passage + " The talks were held in Beijing on Monday and will go on."
    items = lambda a, text: [(text[s:e], int(v)) for s, e, v in zip(a.starts, a.ends, a.stems) if "\u4e00" <= text[s] <= "\u9fff"]  # noqa: E731
    as_zh = items(analyze(passage, "zh"), passage)
    assert items(analyze(passage, ""), passage) == as_zh
    assert analyze(english).language == "en" and items(analyze(english), english) == as_zh
    assert {ch for ch, v in as_zh if v == 0} >= {"的", "了", "在", "就"}


# A flood story in Korean, a rewrite of it (particles and endings changed throughout: 정부는 -> 정부가,
# 선포한다고 -> 선포하기로), and another reporter's account of the same flood.
KOREAN = (
    "정부는 12일 기록적인 폭우로 피해를 입은 남부 지역 세 개 도에 특별재난지역을 선포한다고 발표했다.\n"
    "기상청에 따르면 경남과 전남 일부 지역에는 이틀 동안 400밀리미터가 넘는 비가 내렸으며 많은 하천이 범람 위험 수위에 도달했다.\n"
    "지금까지 주택 약 1200채가 침수되었고 약 4만 명에게 대피 명령이 내려졌다.\n"
    "행정안전부는 피해 복구를 위해 긴급 예산 300억 원을 투입하고 군 병력과 장비를 현장에 배치할 계획이라고 밝혔다.\n"
    "기상청은 앞으로 사흘 동안 남부 지방에 많은 비가 더 내릴 것으로 예상되며 산사태와 하천 범람에 각별히 주의해야 한다고 당부했다.")
KOREAN_REWRITE = (
    "남부 지방 폭우 피해 확산\n"
    "정부가 12일 기록적 폭우로 피해를 입은 남부 지역 세 개 도를 특별재난지역으로 선포하기로 했다고 발표했다.\n"
    "기상청은 경남과 전남 일부 지역에 이틀간 400밀리미터 넘는 비가 내려 많은 하천의 수위가 범람 위험 수준까지 올랐다고 전했다.\n"
    "현재까지 주택 1200여 채가 물에 잠겼으며 4만여 명에게 대피 명령이 내려졌다.\n"
    "행정안전부는 피해 복구를 위한 긴급 예산 300억 원을 투입하며 군 병력과 장비도 현장에 배치할 예정이라고 밝혔다.\n"
    "기상청은 향후 사흘간 남부 지방에 많은 비가 더 내릴 것으로 예상하며 산사태와 하천 범람에 특히 주의할 것을 당부했다.")
KOREAN_REPORT = (
    "폭우가 그친 뒤 경남의 한 마을을 찾았을 때 거리는 진흙과 부서진 가구로 가득했다.\n"
    "마트를 운영하는 김씨는 가게 물건이 거의 모두 물에 젖어 손해가 2천만 원이 넘는다고 말했다.\n"
    "자원봉사자들은 주민들의 집 청소를 돕고 있으며 인근 학교 운동장은 임시 구호물자 배급소로 쓰이고 있다.\n"
    "일흔이 넘은 한 할머니는 이곳에서 오십 년을 살았지만 이렇게 큰 물은 처음 본다고 말했다.")


def test_a_korean_rewrite_is_found_through_its_particles_and_another_report_is_not():
    """Korean words carry their particles: stemmed to two syllables, the rewrite shares its stems with the source."""
    assert analyze(KOREAN).language == "ko"
    pairs = _pairs({"wire.txt": KOREAN, "rewrite.txt": KOREAN_REWRITE, "report.txt": KOREAN_REPORT})
    assert list(pairs) == [frozenset(("wire.txt", "rewrite.txt"))]
    pair = pairs[frozenset(("wire.txt", "rewrite.txt"))]
    assert pair.kind in (ReuseKind.LIGHT_REWRITE, ReuseKind.HEAVY_REWRITE)
    assert min(pair.containment_a, pair.containment_b) > 0.8


@pytest.mark.parametrize("language", ["ko", "", "en"])
def test_korean_particles_and_endings_leave_the_stem_in_any_language(language):
    """정부는 and 정부가 (the government, as topic and as subject), 발표했다 and 발표한 (announced): one stem each."""
    a = analyze("정부는 발표했다 대통령은", language)
    b = analyze("정부가 발표한 대통령이", language)
    assert a.stems.tolist() == b.stems.tolist() and all(a.stems)


def test_korean_function_words_are_stopwords_with_their_particles_and_in_any_text():
    assert not analyze("이번에 현재까지 우리의 그리고 있다고", "ko").stems.any()
    assert analyze("수도 서울", "ko").stems.all()  # 수 (a way to) + 도 is 수도 (a capital): content
    assert analyze("the 그리고 있다 및 등 것이다", "en").stems.tolist() == [0] * 6  # an English text quoting Korean


def test_korean_words_after_a_number_or_latin_letters_lose_their_particles():
    """12일에 (on the 12th), LG전자는 (LG Electronics, topic), 400밀리미터가 (400 millimetres, subject)."""
    a = analyze("12일에 LG전자는 400밀리미터가", "ko")
    b = analyze("12일 LG전자가 400밀리미터", "ko")
    assert a.stems.tolist() == b.stems.tolist()
    assert analyze("12일", "ko").stems[0] != analyze("12월", "ko").stems[0]  # the 12th, December


@pytest.mark.parametrize("junk", ["分享到：微信 微博 QQ空间", "上一篇 下一篇", "関連記事", "무단 전재 및 재배포 금지"])
def test_cjk_site_junk_between_copied_paragraphs_is_never_part_of_a_passage(junk):
    paragraphs = SOURCE.split("\n")
    copy = "\n".join(paragraphs[:3] + [junk] + paragraphs[3:])
    wire = "\n".join(paragraphs[:3] + [junk, "记者：张伟"] + paragraphs[3:])
    result = reuse.scan_articles([Article(id="wire.txt", text=wire, outlet="wire"), Article(id="copy.txt", text=copy, outlet="copy")])
    (pair,) = result.pairs
    texts = {a.id: a.text for a in result.articles}
    for p in pair.passages:
        assert junk not in texts[pair.a][p.a_start : p.a_end] and junk not in texts[pair.b][p.b_start : p.b_end]


def test_two_copies_crediting_xinhua_in_chinese_are_common_source():
    """Both carry the wire's dateline (新华社长沙7月12日电): siblings of Xinhua's text, not copier and copied."""
    pairs = _pairs({"wire.txt": SOURCE, "copy.txt": COPY})
    (pair,) = pairs.values()
    assert pair.direction.relation == "common-source"


def test_two_reports_sharing_only_a_long_name_are_not_paired():
    """A name of 17 characters opens a short sentence in both: each character pair counts for half a word, too few for a passage.

    Counted as whole words, the name's sixteen pairs made a verbatim pair of two unrelated stories.
    """
    name = "中华人民共和国国家发展和改革委员会"
    flood = f"{name}今天表示。" + SOURCE.split("\n", 1)[1]
    prices = f"{name}说。" + SAME_TOPIC
    assert _pairs({"flood.txt": flood, "prices.txt": prices}) == {}
    # The same sentence with a copied sentence of the story after it is still found (light-rewrite: of its two
    # identical runs, the name is 8.5 words long, the sentence 17; "说" and "今天表示" differ).
    copied = f"{name}说。" + SOURCE.split("\n")[2]
    (pair,) = _pairs({"flood.txt": flood, "copy.txt": copied}).values()
    assert pair.kind in (ReuseKind.VERBATIM, ReuseKind.LIGHT_REWRITE) and pair.containment_a == 1.0
