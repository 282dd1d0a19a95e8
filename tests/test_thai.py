"""Thai, Lao, Myanmar and Khmer, written without spaces between words: cut into letter clusters,
so a rewrite is found as in Chinese, and another report of the story is not."""

from __future__ import annotations

import random
import unicodedata

import pytest
from click.testing import CliRunner

from reuse.cli import main

from reuse.text import analyze, word_count, word_spans
from stories import assert_copy_and_rewrite_only, scan_pairs

SOURCE = (
    "กรุงเทพฯ 12 ก.ค. - ฝนตกหนักต่อเนื่องหลายวันทำให้เกิดน้ำท่วมฉับพลันในจังหวัดเชียงใหม่และเชียงราย "
    "มีผู้เสียชีวิตแล้วอย่างน้อยสิบห้าคนและสูญหายอีกแปดคน\n"
    "กรมป้องกันและบรรเทาสาธารณภัยระบุว่าน้ำป่าไหลหลากเข้าท่วมบ้านเรือนประชาชนกว่าสามพันหลังคาเรือน "
    "ถนนหลายสายถูกตัดขาดและไฟฟ้าดับในหลายอำเภอ\n"
    "เจ้าหน้าที่ได้อพยพชาวบ้านกว่าหนึ่งหมื่นคนไปยังศูนย์พักพิงชั่วคราวที่โรงเรียนและวัดในพื้นที่\n"
    "กรมอุตุนิยมวิทยาเตือนว่าจะมีฝนตกหนักถึงหนักมากต่อไปอีกสามวัน ประชาชนที่อาศัยอยู่ริมน้ำควรเฝ้าระวังอย่างใกล้ชิด"
)
COPY = SOURCE + "\nแชร์ข่าวนี้ Facebook Twitter Line"
# The same story, its words changed here and there, two sentences reordered inside.
REWRITE = (
    "เชียงใหม่ 12 ก.ค. - ฝนที่ตกหนักติดต่อกันหลายวันทำให้เกิดน้ำท่วมฉับพลันในจังหวัดเชียงใหม่กับเชียงราย "
    "มีผู้เสียชีวิตอย่างน้อยสิบห้าคนและยังสูญหายอีกแปดคน\n"
    "กรมป้องกันและบรรเทาสาธารณภัยเปิดเผยว่าน้ำป่าไหลหลากเข้าท่วมบ้านเรือนประชาชนมากกว่าสามพันหลังคาเรือน "
    "ถนนหลายเส้นถูกตัดขาดและไฟฟ้าดับในหลายอำเภอ\n"
    "เจ้าหน้าที่อพยพชาวบ้านมากกว่าหนึ่งหมื่นคนไปที่ศูนย์พักพิงชั่วคราวตามโรงเรียนและวัดในพื้นที่\n"
    "ทั้งนี้กรมอุตุนิยมวิทยาเตือนว่าอาจมีฝนตกหนักถึงหนักมากต่อเนื่องอีกสามวัน ประชาชนที่อยู่ริมน้ำควรเฝ้าระวังอย่างใกล้ชิด"
)
# The same flood, told by another reporter: its names and topic words, none of its sentences.
SAME_STORY = (
    "ผู้สื่อข่าวรายงานจากอำเภอแม่สายว่าระดับน้ำในตลาดสูงกว่าหนึ่งเมตร ร้านค้าส่วนใหญ่ต้องปิดกิจการชั่วคราว\n"
    "เจ้าของร้านขายของชำรายหนึ่งเล่าว่าสินค้าเกือบทั้งหมดเสียหาย คิดเป็นเงินกว่าสองแสนบาท\n"
    "อาสาสมัครหลายสิบคนช่วยกันขนกระสอบทรายและแจกอาหารกล่องให้ผู้ประสบภัยในจังหวัดเชียงราย\n"
    "ชาวบ้านสูงอายุคนหนึ่งบอกว่าอาศัยอยู่ที่นี่มาห้าสิบปีแต่ไม่เคยเห็นน้ำท่วมหนักขนาดนี้มาก่อน"
)
OTHER_TOPIC = (
    "ราคาผักในตลาดกรุงเทพฯ ปรับตัวสูงขึ้นอย่างต่อเนื่องในช่วงสัปดาห์ที่ผ่านมา\n"
    "แม่ค้าในตลาดสดรายหนึ่งระบุว่าผักบุ้งและถั่วฝักยาวมีราคาแพงขึ้นเกือบหนึ่งเท่าตัว\n"
    "นักวิชาการมองว่าพื้นที่เพาะปลูกได้รับความเสียหาย ประกอบกับการขนส่งติดขัด ทำให้ราคาอาจสูงต่อไปอีกระยะหนึ่ง\n"
    "กระทรวงพาณิชย์ระบุว่าจะประสานให้มีการนำผักจากภาคอื่นเข้ามาเพื่อรักษาระดับราคาให้มีเสถียรภาพ"
)


_pairs = scan_pairs


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        # A consonant with its vowels and marks, a leading vowel with the consonant after it, a bare final consonant closing the syllable.
        ("เปิดประเทศ", ["เปิด", "ป", "ระ", "เทศ"]),
        ("การท่องเที่ยว", ["การ", "ท่อง", "เที่ยว"]),  # a final after a letter that writes a vowel (อ ย ว) joins too
        ("ไม่กลับ", ["ไม่", "ก", "ลับ"]),  # no final after a syllable of ใ ไ, nor after ะ ำ: the next word's clusters as alone
        ("กลับ", ["ก", "ลับ"]),
        ("ຂ່າວສານປະເທດລາວ", ["ຂ່າວ", "ສານ", "ປະ", "ເທດ", "ລາວ"]),  # Lao
        ("ខ្មែរ", ["ខ្មែរ"]),  # Khmer: the coeng stacks the next consonant into the cluster
        ("မြန်မာ", ["မြန်", "မာ"]),  # Myanmar: a final carries the asat
        ("ပါတယ်", ["ပါ", "တယ်"]),  # and a bare consonant starts a syllable
        ("ดีๆ", ["ดี", "ๆ"]),  # the mark of repetition stands alone
        ("ปี2567 คือ", ["ปี", "2567", "คือ"]),  # digits are a word of their own
    ],
)
def test_scripts_without_spaces_are_cut_into_letter_clusters(text, clusters):
    assert [text[s:e] for s, e in word_spans(text)] == clusters
    assert word_count(text) == len(clusters)


def test_thai_copy_and_rewrite_are_found_and_other_reports_of_the_story_are_not():
    assert_copy_and_rewrite_only(SOURCE, COPY, REWRITE, SAME_STORY, OTHER_TOPIC)


def test_a_thai_rewrite_is_found_through_cluster_pairs_not_whole_runs():
    """Thai runs of letters go on for a clause: matched whole, one changed word hid the clause (the rewrite was missed)."""
    pair = _pairs({"wire.txt": SOURCE, "rewrite.txt": REWRITE})[frozenset(("wire.txt", "rewrite.txt"))]
    # The rewrite's first sentence (a changed word in each clause) is inside a passage on both sides.
    first = REWRITE.index("มีผู้เสียชีวิต")
    assert any(x.a_start <= first < x.a_end if pair.a == "rewrite.txt" else x.b_start <= first < x.b_end for x in pair.passages)


def test_thai_texts_of_the_same_common_syllables_are_not_paired():
    """Forty texts drawn from the same common syllables (Zipf weights), none copied: no pair."""
    syllables = [w for w, _ in (s.split(":") for s in (
        "ที่:1 การ:1 เป็น:1 ใน:1 ได้:1 และ:1 มี:1 จะ:1 ให้:1 ว่า:1 ไม่:1 แต่:1 ไป:1 มา:1 คน:1 ปี:1 วัน:1 นี้:1 กับ:1 ก็:1 "
        "เขา:1 ทำ:1 ใช้:1 แล้ว:1 ตาม:1 ยัง:1 อีก:1 จาก:1 ถึง:1 เมื่อ:1 เพื่อ:1 ทาง:1 บ้าน:1 เมือง:1 น้ำ:1 ฝน:1 รัฐ:1 บาล:1 ข่าว:1 งาน:1"
    ).split())]
    rng = random.Random(3)
    weights = [1 / (k + 1) for k in range(len(syllables))]
    texts = {
        f"t{k:02d}.txt": "\n".join("".join(rng.choices(syllables, weights, k=rng.randint(12, 30))) for _ in range(10))
        for k in range(40)
    }
    assert _pairs(texts) == {}


def test_thai_is_no_stopword_language_and_leaves_latin_words_as_they_were():
    mixed = "รัฐบาลไทย said on Tuesday ว่าจะเปิดประเทศ"
    analysis = analyze(mixed)
    words = [mixed[s:e] for s, e in zip(analysis.starts.tolist(), analysis.ends.tolist())]
    assert words[words.index("said") : words.index("said") + 3] == ["said", "on", "Tuesday"]
    assert analyze(SOURCE).language is None


def test_the_terminal_excerpts_break_thai_lines_between_clusters(tmp_path):
    """A Thai line wider than its column breaks between letter clusters: no line starts with a vowel sign or ends on a leading vowel.

    Broken at any character, the side by side read "...เชียงใ" / "หม่และ..." and "...ท่วมบ้" / "านเรือน...".
    """
    for name, text in {"wire.txt": SOURCE, "rewrite.txt": REWRITE}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "100"}).invoke(main, ["scan", str(tmp_path)])
    assert result.exit_code == 0, result.output
    columns = [part.strip(" …") for line in result.output.splitlines() if " | " in line for part in line.split(" | ")]
    thai = [c for c in columns if any("\u0e00" <= ch <= "\u0e7f" for ch in c)]
    assert len(thai) >= 8
    for piece in thai:
        assert not unicodedata.category(piece[0]).startswith("M") and piece[0] not in "ะาำ", piece
        assert piece[-1] not in "เแโใไ", piece
