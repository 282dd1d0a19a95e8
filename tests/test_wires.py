"""Wire agencies: which outlets are one, and where a text credits one."""

import pytest

from reuse.agencies import wire_name
from reuse.wires import wire_credits, wire_datelines

_BODY = "The minister spoke about the budget. " * 12


@pytest.mark.parametrize("after", range(286, 306))
def test_a_source_named_where_the_tail_is_cut_is_no_credit(after):
    """"told Reuters" with the last 300 characters starting inside "told " or right after it: the words before the
    cut still say it is a source of one fact, not the story's credit (it was read as one in the tail alone)."""
    text = f"{_BODY}A White House official told Reuters\n" + "x" * (after - len("Reuters\n")) + "."
    assert wire_credits(text) == frozenset() and wire_datelines(text) == frozenset()


@pytest.mark.parametrize("after", range(286, 298))
def test_a_credit_line_at_the_tail_cut_is_read_only_where_its_line_starts(after):
    """The 300 characters read for a credit line may start inside a line: "Photographer: Reuters" cut right
    before "Reuters" is no line of its own; a line "Reuters" standing there is one."""
    tail = "x" * after + "."
    assert wire_datelines(f"{_BODY}\nPhotographer: Reuters\n{tail}") == frozenset()
    assert wire_datelines(f"{_BODY}\nReuters\n{tail[after - 280:]}") == {"Reuters"}  # the line inside the 300


@pytest.mark.parametrize("dash", ["-", "—", "–", "―", "−", "‒", "--", "&mdash;", "â€”"])
def test_every_dateline_dash_is_read_by_both_readers(dash):
    text = f"LONDON (Reuters) {dash} The talks went on all night."
    assert wire_datelines(text) == {"Reuters"} and wire_credits(text) == {"Reuters"}


@pytest.mark.parametrize(
    ("outlet", "wire"),
    [("en.yna.co.kr", "Yonhap"), ("english.news.cn", "Xinhua"), ("AP News", "AP"), ("https://www.reuters.com/world/", "Reuters"),
     ("uk.reuters.com", "Reuters"), ("www.cna.com.tw", "CNA"), ("channelnewsasia.com", None), ("news.com.au", None), ("apnews.com", "AP")],
)
def test_an_agency_is_known_by_its_own_subdomains(outlet, wire):
    assert wire_name(outlet) == wire


@pytest.mark.parametrize(
    "lead",
    [
        "OSLO - The minister told a Reuters reporter on Monday that output would rise.",
        "Support for the government fell, according to a Reuters/Ipsos poll published on Monday.",
        "Output rose 3% in October, Reuters calculations show.",
        "An AFP correspondent saw smoke over the port on Monday.",
        "The ministry confirmed the figures in an interview with the Associated Press on Monday.",
        "A Xinhua reporter at the scene counted a dozen trucks.",
    ],
)
def test_an_agency_named_as_the_source_of_one_fact_is_no_credit(lead):
    """In the lead, where credits stand, an agency's reporter, poll or sums are not the story's wire."""
    assert wire_credits(lead + " More text follows.") == frozenset()


@pytest.mark.parametrize(
    "text, wire",
    [
        ("OSLO (Reuters) - The minister said output would rise.", "Reuters"),
        ("The minister said on Monday that output would rise, Reuters reported.", "Reuters"),
        ("The minister said output would rise.\n— AFP", "AFP"),
        ("The minister said output would rise, the Associated Press reported.", "AP"),
        ("The minister said output would rise.\n\nAssociated Press reporters in Kyiv contributed to this report.", "AP"),
        ("The minister said output would rise.\nReporting by Reuters reporters; editing by Jane Doe", "Reuters"),
    ],
)
def test_a_credit_is_still_read_beside_those_mentions(text, wire):
    assert wire in wire_credits(text)


@pytest.mark.parametrize("line", ["— Reuters/AFP", "— AFP/Reuters"])
def test_a_joint_credit_names_both_agencies_in_either_order(line):
    assert wire_credits(f"The minister said output would rise.\n{line}") == {"AFP", "Reuters"}


_JOINED = ["AFP", "Reuters", "TASS", "Interfax", "Xinhua", "dpa", "EFE", "RIA Novosti"]


@pytest.mark.parametrize(("first", "second"), [(a, b) for a in _JOINED for b in _JOINED if a != b])
def test_any_two_agencies_joined_by_a_slash_are_both_credited(first, second):
    """"Reuters/Interfax reported" credited Interfax alone and "AFP/TASS" TASS alone, while "Reuters/TASS" gave both
    (each agency's pattern kept its own list of the names it may be joined to; found by a review)."""
    assert wire_credits(f"Grain prices rose on Monday, {first}/{second} reported.") == {first, second}


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        ("МОСКВА, 4 декабря (Рейтер) - Правительство Франции столкнулось с голосованием о вотуме недоверия.", "Reuters"),
        ("باريس (رويترز) - قالت الحكومة الفرنسية يوم الأربعاء إنها ستواجه تصويتا على الثقة.", "Reuters"),
        ("ПЕКИН, 4 декабря (Синьхуа) -- Китай выступает за мирное урегулирование.", "Xinhua"),
        ("МОСКВА, 4 декабря (ТАСС) - Правительство Франции столкнулось с голосованием.", "TASS"),
    ],
)
def test_a_dateline_credit_in_cyrillic_or_arabic_names_its_agency(text, wire):
    """ "(Рейтер) -" was read as no credit: a Russian copy of Reuters was made the source of the agency's text (found by a review)."""
    assert wire_datelines(text) == {wire} and wire in wire_credits(text)
    body = text.split(" - ", 1)[-1].split(" -- ", 1)[-1]
    assert not wire_datelines(body) and not wire_credits(body)


@pytest.mark.parametrize(
    ("byline", "wires"),
    [
        ("By John Irish (Reuters)", {"Reuters"}), ("Jo Bloggs, AFP", {"AFP"}), ("By The Associated Press", {"AP"}),
        ("By ASSOCIATED PRESS", {"AP"}), ("Reuters staff", {"Reuters"}), ("Associated Press and AFP", {"AP", "AFP"}),
        ("By Rasmus Kleis Nielsen, Reuters Institute", set()), ("By Michael R. Bloomberg", set()),
        ("By Jane Doe | Photo: AFP via Getty Images", set()), ("Interview by Jane Doe, as told to Reuters", set()),
        ("By AP Dhillon", set()), ("By Jane Doe, former AP correspondent", set()), ("By Mehmet Anadolu", set()),
    ],
)
def test_a_byline_credits_an_agency_named_alone_or_in_brackets_only(byline, wires):
    """Any agency word in a byline was a credit: "Reuters Institute", "Michael R. Bloomberg" (found by a review)."""
    from reuse.wires import byline_credits

    assert byline_credits(byline) == wires


@pytest.mark.parametrize(
    ("byline", "wires"),
    [
        ("Lois Lane, with Reuters", {"Reuters"}), ("FRANCE 24 with AFP", {"AFP"}), ("Staff With AP and Reuters", {"AP", "Reuters"}),
        ("Jane Doe with Reuters Institute", set()), ("Interview with AP Dhillon", set()),
    ],
)
def test_a_byline_with_an_agency_credits_it(byline, wires):
    """ "Jane Doe, with Reuters" (and "FRANCE 24 with AFP") was no credit: a daily check said the page ran the wire story
    "without the agency's credit" (found running a week of checks)."""
    from reuse.wires import byline_credits

    assert byline_credits(byline) == wires


@pytest.mark.parametrize(
    ("text", "wire", "dateline"),
    [
        ("【東京共同】政府は21日、物価高対策を柱とする総合経済対策を閣議決定した。", "Kyodo", True),
        ("【ワシントン時事】米政府は20日、追加関税の発動を見送ると発表した。", "Jiji", True),
        ("МОСКВА, 19 ноя — РИА Новости. Ограничения на вывоз бензина будут действовать до конца года.", "RIA Novosti", True),
        ("Правительство продлило запрет на экспорт бензина до конца года, сообщает ТАСС со ссылкой на пресс-службу.", "TASS", False),
        ("Ограничения продлены до конца года, передает РИА Новости.", "RIA Novosti", False),
        ("МОСКВА, 19 ноября. /ТАСС/. Правительство продлило запрет.", "TASS", True),
        ("القاهرة (أ ف ب) - أعلنت الحكومة المصرية الثلاثاء رفع أسعار الوقود.", "AFP", True),
        ("أعلنت الحكومة المصرية الثلاثاء رفع أسعار الوقود بنسبة تصل إلى 13 في المئة.\n(فرانس برس)", "AFP", True),
        ("МОСКВА, 19 ноября. Интерфакс - Правительство продлило запрет на экспорт бензина.", "Interfax", True),
        ("新华社北京11月19日电 国务院常务会议决定延长汽油出口限制。", "Xinhua", True),
        ("(서울=연합뉴스) 홍길동 기자 = 한국은행은 기준금리를 동결했다.", "Yonhap", True),
        ("新华社记者从国家电网获悉，今冬供电平稳。", "Xinhua", False),
    ],
)
def test_a_credit_in_its_own_language_names_the_agency(text, wire, dateline):
    """Two subscribers of one agency, each crediting it as its language does (【東京共同】, "— РИА Новости.", "сообщает
    ТАСС", "(أ ف ب)"), were made a copy of each other at 0.97 (found by a review)."""
    assert wire in wire_credits(text)
    assert (wire in wire_datelines(text)) == dateline


@pytest.mark.parametrize("text", [
    "両国は共同声明を発表した。【解説】共同で開発する。", "時事問題について議論した。", "Он дал интервью РИА Новости в прошлом году.",
    "Министр сообщил РИА Новости, что запрет продлят.", "Об этом ТАСС рассказал министр.", "وقال الوزير لوكالة فرانس برس إن الأسعار سترتفع.",
])
def test_the_same_words_in_a_sentence_credit_no_agency(text):
    """An agency told something, a joint statement (共同声明): no credit, even at the text's head."""
    assert not wire_credits(text + " Текст." * 80)


@pytest.mark.parametrize(("outlet", "wire"), [("РИА Новости", "RIA Novosti"), ("ria.ru", "RIA Novosti"), ("RIA Novosti", "RIA Novosti"),
                                              ("ТАСС", "TASS"), ("Интерфакс", "Interfax"), ("interfax.ru", "Interfax"), ("Ria Money", None),
                                              ("共同通信", "Kyodo"), ("新华社", "Xinhua"), ("연합뉴스", "Yonhap"), ("時事通信社", "Jiji")])
def test_agencies_named_in_their_own_script_are_wires(outlet, wire):
    assert wire_name(outlet) == wire


@pytest.mark.parametrize("text", [
    "【今週の時事】円安が進む\n政府は対応を急いでいる。",  # a column's label: "this week's current affairs"
    "【日米共同】防衛協力の新方針\n両政府は合意した。",  # "Japan-US joint"
    "Компания выросла. Интерфакс — одно из крупнейших агентств страны.\nДалее текст.",  # "Interfax is one of..."
    "По данным ТАСС, в результате обстрела пострадали двое. Остальной текст статьи.",  # "according to TASS": a fact's source
    "Переговоры продолжатся, сообщил в среду источник со ссылкой на ТАСС.",
])
def test_labels_and_sources_of_one_fact_are_no_credits(text):
    """A bracketed column label ending in 時事 or 共同, a sentence beginning "Интерфакс —", "according to TASS": each was
    read as the agency's credit (found by a review of the session's change)."""
    assert not ({"Jiji", "Kyodo", "Interfax", "TASS"} & (wire_credits(text) | wire_datelines(text)))


def test_a_russian_report_verb_opening_a_sentence_credits_the_agency():
    assert "TASS" in wire_credits("Как пишет ТАСС, переговоры продолжатся. Сообщает ТАСС: встреча назначена.")
    assert "TASS" in wire_credits("Сообщает ТАСС, переговоры продолжатся в четверг.")


@pytest.mark.parametrize(("text", "wire"), [
    ("【さいたま共同】埼玉県警は19日、男を逮捕した。", "Kyodo"), ("【つくば共同】研究所は20日、成果を発表した。", "Kyodo"),
])
def test_a_japanese_dateline_of_a_place_in_kana_is_read(text, wire):
    assert wire in wire_credits(text) and wire in wire_datelines(text)


@pytest.mark.parametrize("text", [
    "【日米共同】発足100日の評価\n両政府は協議した。",  # "100 days": no day of the month
    "ЦБ повысил ставку. Интерфакс — одно из крупнейших агентств страны.\nДалее текст.",
    "США ввели санкции против компании. Интерфакс - одно из агентств, сообщивших об этом.",
])
def test_a_line_opening_with_an_abbreviation_or_a_count_of_days_is_no_dateline(text):
    """A Russian line opening with ЦБ or США, and 100日 (100 days) after a label, read as datelines (found by a second
    review): a Russian dateline is a place, a comma and a date; a Japanese lead's day is one or two digits."""
    assert not ({"Kyodo", "Interfax"} & (wire_credits(text) | wire_datelines(text)))
