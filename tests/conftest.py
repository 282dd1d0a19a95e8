"""Shared fixtures: a private copy of the samples (and its split into an indexed part and a new batch), another run
adding to the index while a check runs, a click test runner, a hand-made result for the writers, a spy on a library function, and for the loading tests, both HTML back-ends
and a network that refuses every connection."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from reuse import formats
from reuse.config import ScanConfig
from reuse.outlets import link_outlets
from reuse.model import (
    Article,
    Direction,
    Extent,
    Pair,
    Passage,
    Relation,
    ReuseKind,
    ScanResult,
    Signal,
    Skipped,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Callable[[object, str], list[tuple[tuple, dict]]]:
    """``spy(module, name)``: ``module.name`` still runs, and each call's ``(args, kwargs)`` lands in the list returned."""

    def install(module: object, name: str) -> list[tuple[tuple, dict]]:
        calls: list[tuple[tuple, dict]] = []
        real = getattr(module, name)

        def recorded(*args, **kwargs):
            calls.append((args, kwargs))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, recorded)
        return calls

    return install


@pytest.fixture
def samples_dir(tmp_path: Path) -> Path:
    """A copy of ``samples/`` in ``tmp_path``, so a test can never touch the real ones."""
    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target)
    return target


# The texts of the fake result. ``{inject}`` lands inside the shared sentence on
# both sides, so tests can smuggle escapes or long text into a passage.
SHARED = "The Kremlin on Tuesday said{inject} the prisoner exchange plan remains on track despite the remarks."
QUOTE = "“We are on track,” Peskov said."
REWRITE_C = "The Kremlin said the prisoner exchange plan is still on track"

TEXT_A = f"Kremlin says swap on track\n{SHARED}\n{QUOTE}\nOfficials declined to comment further.\n"
TEXT_B = f"MOSCOW (Wire) - {SHARED} {QUOTE} Analysts were divided on what it means.\n"
TEXT_C = f"Swap still planned\n{REWRITE_C}, a spokesman told reporters.\nA bakery also won a prize.\n"


@pytest.fixture
def split(samples_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Samples 000-002 to index (``old``), 003-004 new: 004 quotes the same posts as 001."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    for f in sorted(samples_dir.iterdir()):
        shutil.copy(f, (old if f.name < "003" else new) / f.name)
    return old, new


@pytest.fixture
def another_run_adds_meanwhile(split, tmp_path, monkeypatch):
    """``(new, db)``: samples 000 and 002 indexed, 003-004 to check; another run adds 001 (which 004 quotes) right after
    a check of the batch reads the index, before that check's add."""
    import reuse.index
    from reuse.index import add_folder

    old, new = split
    db, other = tmp_path / "news.db", tmp_path / "other"
    other.mkdir()
    shutil.move(old / "001_eabe8ba3545e1c71.txt", other / "001_eabe8ba3545e1c71.txt")
    add_folder(old, db)
    real = reuse.index.check_articles

    def check_while_another_run_adds(*args, **kwargs):
        result = real(*args, **kwargs)
        add_folder(other, db)  # commits after this check's snapshot, before its add
        return result

    monkeypatch.setattr(reuse.index, "check_articles", check_while_another_run_adds)
    return new, db


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner (a test module whose summaries must have one width sets its own)."""
    return CliRunner()


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def make_result() -> Callable[..., ScanResult]:
    """Build a small fake :class:`ScanResult` by hand: no detector involved.

    Three articles ``a.txt``, ``b.txt``, ``c.txt``; pair (a, b) is a verbatim
    copy (b from a) with two passages, the longer one first in the text;
    pair (b, c) a heavy rewrite of undetermined direction (left out with
    ``second_pair=False``, so that ``c.txt`` shares nothing).

    ``inject`` is inserted inside the shared sentence of a and b and into the
    outlet and title of a; the passage offsets follow it.
    """

    def build(*, inject: str = "", second_pair: bool = True) -> ScanResult:
        shared = SHARED.format(inject=inject)
        text_a = TEXT_A.replace(SHARED, shared)
        text_b = TEXT_B.replace(SHARED, shared)
        articles = (
            Article(
                id="a.txt",
                text=text_a,
                outlet=f"Daily{inject} News",
                title=f"Kremlin says swap on track{inject}",
                url="https://daily.example/kremlin-swap",
                published="2025-05-27T09:00:00+00:00",
                path="a.txt",
            ),
            Article(
                id="b.txt",
                text=text_b,
                outlet="Wire Service",
                title=None,
                url=None,
                published="2025-05-27T11:30:00+00:00",
                path="b.txt",
                canonical="https://daily.example/kremlin-swap",
            ),
            Article(id="c.txt", text=TEXT_C, outlet="c.txt", path="c.txt"),
        )
        a, b, c = (art.text for art in articles)
        sa, sb = _span(a, shared), _span(b, shared)
        qa, qb = _span(a, QUOTE), _span(b, QUOTE)
        copied = Pair(
            a="a.txt",
            b="b.txt",
            kind=ReuseKind.VERBATIM,
            extent=Extent.WHOLE,
            similarity=0.987654321,
            containment_a=0.6666666666,
            containment_b=0.8571428571,
            verbatim_share=1.0,
            passages=(
                # deliberately out of text order: the JSON writer sorts them
                Passage(qa[0], qa[1], qb[0], qb[1], ReuseKind.SHARED_QUOTES, 1.0, 1.0, quote_share=0.8333333),
                Passage(sa[0], sa[1], sb[0], sb[1], ReuseKind.VERBATIM, 1.0, 1.0, quote_share=0.0),
            ),
            direction=Direction(
                relation=Relation.COPIED,
                source="a.txt",
                derived="b.txt",
                confidence=0.8123456,
                evidence=(
                    Signal("time", 2.5, "a.txt", 3.5, "a.txt was published 2.5 h earlier"),
                    Signal(
                        "canonical",
                        "https://daily.example/kremlin-swap",
                        "a.txt",
                        4.0,
                        "b.txt declares a.txt's URL as canonical",
                    ),
                    Signal("containment", 0.857142857, None, 0.0, ""),
                ),
            ),
        )
        pairs = [copied]
        if second_pair:
            rb, rc = _span(b, shared[: shared.index(" despite")]), _span(c, REWRITE_C)
            pairs.append(
                Pair(
                    a="b.txt",
                    b="c.txt",
                    kind=ReuseKind.HEAVY_REWRITE,
                    extent=Extent.PARTIAL,
                    similarity=0.61,
                    containment_a=0.35,
                    containment_b=0.45,
                    verbatim_share=0.2,
                    passages=(Passage(rb[0], rb[1], rc[0], rc[1], ReuseKind.HEAVY_REWRITE, 0.61, 0.2),),
                    direction=Direction(
                        evidence=(Signal("time", None, None, 0.0, "publication time unknown for one or both"),),
                    ),
                )
            )
        return ScanResult(
            articles=articles,
            skipped=(Skipped("broken.html", "not valid UTF-8 and no declared encoding"),),
            pairs=tuple(pairs),
            config_fingerprint=ScanConfig().fingerprint(),
            timings=(("load", 0.01), ("align", 0.02)),
            warnings=("huge.txt: read only the first 20000000 bytes",),
            outlets=link_outlets(articles, pairs),
        )

    return build


@pytest.fixture(params=["trafilatura", "builtin"])
def html_backend(request, monkeypatch):
    """Run an HTML test with trafilatura (when importable) and with the built-in fallback."""
    if request.param == "trafilatura":
        module, problem = formats.trafilatura_module()
        if module is None:
            pytest.skip(f"trafilatura cannot be imported here: {problem}")
    else:
        monkeypatch.setattr(formats, "trafilatura_module", lambda: (None, "disabled by the test"))
    return request.param


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every attempt to open a connection or resolve a name, and fail the test if there was one.

    The attempts are counted, not only refused: the loader turns a parser's
    exception into a skipped file, so a refusal alone could pass unseen.
    """
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"
