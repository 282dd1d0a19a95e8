"""Shared helpers of ``scripts/evaluate.py`` and its corpus sections.

Corpus paths under ``--corpora``, the random seed, progress logging, the
report's :class:`Target` and :class:`Section`, Markdown tables, readers of a
scanned pair (relation, kind, direction verdict, table row), direction and
reliability summaries, and :class:`Context`, the scans shared between
sections. The sections (``eval_cs``, ``eval_ose``, ``eval_msrp``,
``eval_times``) import from here; ``evaluate.py`` puts them together.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
# Evaluate the working tree, not whatever copy of reuse may be installed.
for _path in (str(SCRIPTS), str(REPO)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from metrics import ratio, reliability_table  # noqa: E402

SEED = 20090418

CS_DIR = "clough_stevenson_2011"
CS_FILES = "clough_stevenson_2011/corpus-20090418"
CS_LABELS = "clough_stevenson_2011/corpus-final09_filelist.csv"
OSE_DIR = "onestopenglish"
OSE_LEVELS = (("adv", "Adv-Txt"), ("int", "Int-Txt"), ("ele", "Ele-Txt"))
MSRP_TRAIN = "msrp/msr_paraphrase_train.txt"
MSRP_TEST = "msrp/msr_paraphrase_test.txt"

_T0 = time.perf_counter()


def log(message: str) -> None:
    """Progress to stderr with the elapsed time."""
    print(f"[{time.perf_counter() - _T0:7.1f}s] {message}", file=sys.stderr, flush=True)


# --- small helpers -------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One target of the issue: ``value op goal``."""

    section: str
    name: str
    value: float | None
    op: str
    goal: float

    @property
    def passed(self) -> bool:
        if self.value is None:
            return False
        return {">=": self.value >= self.goal, "<=": self.value <= self.goal, "==": self.value == self.goal}[self.op]

    @property
    def verdict(self) -> str:
        return "PASS" if self.passed else "FAIL"

    def as_dict(self) -> dict:
        return {**dataclasses.asdict(self), "passed": self.passed}


@dataclass
class Section:
    """What one corpus section produced: figures for JSON, lines for Markdown."""

    key: str
    title: str
    figures: dict = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    def target(self, name: str, value: float | None, op: str, goal: float) -> Target:
        t = Target(self.key, name, value, op, goal)
        self.targets.append(t)
        return t

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)


def fmt(value: object, digits: int = 3) -> str:
    """A number for a table: floats rounded, ``None`` as a dash."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def md_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A Markdown table (cells pass through :func:`fmt`; pipes escaped)."""

    def cell(v: object) -> str:
        return fmt(v).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out + [""]


def target_lines(targets: Sequence[Target]) -> list[str]:
    return md_table(
        ["target", "value", "goal", "verdict"],
        [(t.name, t.value, f"{t.op} {fmt(t.goal)}", f"**{t.verdict}**") for t in targets],
    )


def relation_of(pair) -> str:
    """The direction relation as its string value ('copied', 'common-source', 'undetermined')."""
    rel = pair.direction.relation
    return getattr(rel, "value", str(rel))


def kind_of(pair) -> str:
    kind = pair.kind
    return getattr(kind, "value", str(kind))


def name_of(article_id: str) -> str:
    """The file name of an article id ('Adv-Txt/Anita-adv.txt' -> 'Anita-adv.txt')."""
    return article_id.rsplit("/", 1)[-1]


def read_text(path: Path) -> str:
    """Decode a corpus file: UTF-8 (byte-order mark dropped), else cp1252; newlines normalised."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def judge(pair, source: str, id_map: Callable[[str], str] = name_of) -> str:
    """``correct`` when the pair says copied from ``source``; ``wrong`` when copied the other way; else ``abstain``."""
    if relation_of(pair) != "copied":
        return "abstain"
    return "correct" if pair.direction.source is not None and id_map(pair.direction.source) == source else "wrong"


def call_scan(func: Callable, arg, label: str):
    """Call reuse.scan / scan_articles, passing a progress callback when the function takes one."""
    kwargs = {}
    try:
        if "progress" in inspect.signature(func).parameters:

            def progress(stage: str, done: int, total: int) -> None:
                if done == total:
                    log(f"  {label}: {stage} {done}/{total}")

            kwargs["progress"] = progress
    except (TypeError, ValueError):
        pass
    start = time.perf_counter()
    result = func(arg, **kwargs)
    log(f"  {label}: {len(result.articles)} articles, {len(result.pairs)} pairs in {time.perf_counter() - start:.1f}s")
    return result


def pair_row(pair, id_map: Callable[[str], str] = name_of) -> dict:
    """The facts of a reported pair a developer needs to see an error."""
    d = pair.direction
    return {
        "a": id_map(pair.a),
        "b": id_map(pair.b),
        "kind": kind_of(pair),
        "relation": relation_of(pair),
        "source": id_map(d.source) if d.source else None,
        "confidence": round(float(d.confidence), 3),
        "similarity": round(float(pair.similarity), 3),
        "containment_a": round(float(pair.containment_a), 3),
        "containment_b": round(float(pair.containment_b), 3),
        "verbatim_share": round(float(pair.verbatim_share), 3),
    }


PAIR_COLUMNS = ["a", "b", "kind", "relation", "source", "confidence", "similarity", "containment_a", "containment_b", "verbatim_share"]


def over_all_true_links(d: dict) -> dict:
    """A :func:`direction_summary` of the reported true links, read over all true links (the unreported count as undecided)."""
    total = d["judged"] + d["not_reported"]
    return {
        "true_links": total,
        "abstention_or_missed": ratio(d["abstained"] + d["not_reported"], total) if total else None,
        "correct": ratio(d["correct"], total) if total else None,
    }


def pair_table(rows: Sequence[dict], extra: Sequence[str] = ()) -> list[str]:
    cols = list(extra) + PAIR_COLUMNS
    return md_table(cols, [[r.get(c) for c in cols] for r in rows])


def direction_summary(verdicts: Sequence[str], missing: int = 0) -> dict:
    """Counts of correct / wrong / abstain, accuracy among decided, abstention rate."""
    c = Counter(verdicts)
    decided = c["correct"] + c["wrong"]
    return {
        "judged": len(verdicts),
        "correct": c["correct"],
        "wrong": c["wrong"],
        "abstained": c["abstain"],
        "not_reported": missing,
        "accuracy_decided": ratio(c["correct"], decided) if decided else None,
        "correct_share": ratio(c["correct"], len(verdicts)) if verdicts else None,
        "abstention_rate": ratio(c["abstain"], len(verdicts)) if verdicts else None,
    }


def reliability(confidences: Sequence[float], correct: Sequence[bool]) -> tuple[list[dict], float | None, int]:
    """Reliability rows, and the accuracy and count at confidence >= 0.9."""
    rows = reliability_table([min(max(float(c), 0.0), 1.0) for c in confidences], correct)
    top = [ok for conf, ok in zip(confidences, correct) if conf >= 0.9]
    return [r.as_dict() for r in rows], (ratio(sum(top), len(top)) if top else None), len(top)


def copied_reliability(pairs: Iterable, is_correct: Callable[[object], bool]) -> tuple[list[dict], float | None, int]:
    """Reliability of every ``copied`` verdict in a scan, true link or not.

    A copy claimed between two texts that are not linked in the truth is a
    wrong verdict at whatever confidence it was given.
    """
    copied = [p for p in pairs if relation_of(p) == "copied"]
    return reliability([float(p.direction.confidence) for p in copied], [is_correct(p) for p in copied])


def reliability_lines(rows: Sequence[dict]) -> list[str]:
    return md_table(["confidence", "count", "correct", "accuracy"], [(r["band"], r["count"], r["correct"], r["accuracy"]) for r in rows])


class Context:
    """Scans shared between sections (the Clough-Stevenson articles are loaded once)."""

    def __init__(self, corpora: Path) -> None:
        self.corpora = corpora
        self._cs_scan = None

    def cs_scan(self):
        if self._cs_scan is None:
            import reuse

            log("Clough-Stevenson: reuse.scan of the 100 files")
            self._cs_scan = call_scan(reuse.scan, self.corpora / CS_FILES, "cs")
        return self._cs_scan

    def cs_articles(self) -> dict:
        """The articles as reuse's loader read them, by file name."""
        return {name_of(a.id): a for a in self.cs_scan().articles}
