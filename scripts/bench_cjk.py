"""Measure ``reuse scan`` on text without spaces: the benchmark corpus in simulated Chinese and Thai, beside the English.

No labelled corpus of Chinese or Thai news reuse was at hand, so the
benchmark corpus (``scripts/corpus_gen.py``) is translated word by word into
Chinese or Thai of realistic statistics: each English word becomes a real
word of like frequency rank from a frequency list. English stopwords become
function words (particles, pronouns, prepositions, adverbs...), capitalised
words become names, other words content words. Spaces are dropped, so the
text has no word boundaries: Chinese takes Chinese punctuation, and Thai,
which writes a space where English ends a sentence or a clause, a space
for each full stop, comma, question and exclamation mark. A function word
is as frequent as in real text. The planted spans are carried over, so
recall is scored on passages as in ``scripts/bench.py``. The sentences are
no grammar: the figures speak for the statistics of characters and letter
clusters, not for real prose.

* Chinese (``--dict``): jieba's ``dict.txt`` (lines of ``word frequency
  part-of-speech``); names of at most ``--max-name`` characters.
* Thai (``--thai``): PyThaiNLP's word lists, the folder ``pythainlp/corpus``
  of its wheel: ``tnc_freq.txt`` (Thai National Corpus frequencies),
  ``stopwords_th.txt`` (the function words, ordered here by that frequency)
  and the person and family names (``person_names_*_th.txt``,
  ``family_names_th.txt``) of at most ``--max-thai-name`` letters. A name
  and surname are written together, without the space Thai puts between
  them: a harder case than real text.

Every corpus is scanned in turn, each run in a fresh child process
(``reuse.scan(folder)``, one process), and the medians written to
``reports/benchmark-cjk.md``.

Neither list is shipped; fetch them once::

    pip download jieba==0.42.1 --no-deps --no-binary :all: -d /tmp/jieba
    tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba
    pip download pythainlp==5.4.0 --no-deps -d /tmp/pythainlp
    unzip -q /tmp/pythainlp/pythainlp-5.4.0-py3-none-any.whl -d /tmp/pythainlp

Usage::

    python scripts/bench_cjk.py --dict /tmp/jieba/jieba-0.42.1/jieba/dict.txt --thai /tmp/pythainlp/pythainlp/corpus
    python scripts/bench_cjk.py --thai DIR --articles 2000 --runs 1 --workdir /tmp/bench-cjk
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
import shlex
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from bench import KINDS, run_tool, score, snapshot_code  # noqa: E402
from corpus_gen import Truth, generate_corpus  # noqa: E402

# Parts of speech (jieba's tags) of function words: particles, prepositions, conjunctions, pronouns,
# adverbs, localisers, numerals, measure words, modal particles.
FUNCTION_TAGS = frozenset({"ul", "uj", "uz", "uv", "ud", "ug", "u", "p", "c", "r", "rr", "rz", "d", "f", "m", "q", "y", "zg"})
NAME_TAGS = frozenset({"nr", "ns", "nt", "nz"})
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z]+")
_PUNCT = [(re.compile(r"\.( |$)", re.M), "。"), (re.compile(r", "), "，"), (re.compile(r"\? "), "？"), (re.compile(r"! "), "！")]
# Thai ends a sentence or a clause with a space: the stop and the space after it become one space.
THAI_PUNCT = [(re.compile(r"\.( |$)", re.M), " "), (re.compile(r", "), " "), (re.compile(r"\? "), " "), (re.compile(r"! "), " ")]
_THAI = re.compile(r"[\u0e01-\u0e4e]+")
_THAI_NAMES = ("person_names_male_th.txt", "person_names_female_th.txt", "family_names_th.txt")


def read_dictionary(path: Path) -> list[tuple[int, str, str]]:
    """``(frequency, word, tag)`` of the all-Han words of a jieba-style dictionary, most frequent first."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and _HAN.fullmatch(parts[0]) and parts[1].isdigit():
            entries.append((int(parts[1]), parts[0], parts[2]))
    if not entries:
        raise SystemExit(f"{path}: no 'word frequency tag' lines of Chinese words; pass jieba's dict.txt (see --help).")
    entries.sort(key=lambda e: (-e[0], e[1]))
    return entries


def chinese_pools(entries: list[tuple[int, str, str]], max_name: int) -> dict[str, list[str]]:
    """The function, name and content words of a jieba-style dictionary, most frequent first."""
    return {
        "function": [w for _, w, tag in entries if tag in FUNCTION_TAGS],
        "name": [w for _, w, tag in entries if tag in NAME_TAGS and 2 <= len(w) <= max_name],
        "content": [w for _, w, tag in entries if tag not in FUNCTION_TAGS and tag not in NAME_TAGS],
    }


def _thai_lines(path: Path) -> list[str]:
    return [line.strip().lstrip("\ufeff") for line in path.read_text(encoding="utf-8").splitlines()]


def thai_pools(folder: Path, max_name: int) -> dict[str, list[str]]:
    """The function, name and content words of PyThaiNLP's lists in ``folder``, most frequent first (names in file order)."""
    try:
        ranked = []
        for line in _thai_lines(folder / "tnc_freq.txt"):
            word, _, count = line.partition("\t")
            if _THAI.fullmatch(word) and count.isdigit():
                ranked.append((-int(count), word))
        stop = [w for w in _thai_lines(folder / "stopwords_th.txt") if _THAI.fullmatch(w)]
        names = [w for name in _THAI_NAMES for w in _thai_lines(folder / name) if _THAI.fullmatch(w) and 2 <= len(w) <= max_name]
    except OSError as exc:
        raise SystemExit(f"{folder}: {exc.strerror} ({exc.filename}); pass PyThaiNLP's corpus folder (see --help).") from None
    if not ranked or not stop or not names:
        raise SystemExit(f"{folder}: no Thai words in tnc_freq.txt, stopwords_th.txt or the name lists; pass PyThaiNLP's corpus folder (see --help).")
    rank = {word: k for k, (_, word) in enumerate(sorted(ranked))}
    taken = set(stop) | set(names)
    return {
        "function": sorted(dict.fromkeys(stop), key=lambda w: (rank.get(w, len(rank)), w)),
        "name": list(dict.fromkeys(names)),
        "content": [w for _, w in sorted(ranked) if w not in taken],
    }


def word_mapping(texts: list[str], pools: dict[str, list[str]], stopwords: frozenset[str]) -> dict[str, str]:
    """Each folded English word of ``texts`` to a distinct word of like rank in its class (``pools``: function, name, content)."""
    counts: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group()
            counts[word.lower()] += 1
            capitalised[word.lower()] += word[0].isupper()
    left = {name: iter(words) for name, words in pools.items()}
    mapping = {}
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        pool = "function" if word in stopwords else "name" if capitalised[word] > 0.8 * n else "content"
        try:
            mapping[word] = next(left[pool])
        except StopIteration:
            raise SystemExit(f"the word list has too few {pool} words for this corpus ({len(mapping):,} mapped)") from None
    return mapping


def translate(text: str, mapping: dict[str, str], punctuation=_PUNCT) -> tuple[str, list[int]]:
    """The text in simulated Chinese (or Thai, with ``THAI_PUNCT``), and where each of its offsets (and its end) lands in it."""
    pieces: list[str] = []
    where = [0] * (len(text) + 1)
    pos = out = 0
    for match in _WORD.finditer(text):
        for k in range(pos, match.start()):  # the characters between words, as they are for now
            where[k] = out
            out += 1
        pieces.append(text[pos : match.start()])
        chinese = mapping[match.group().lower()]
        for k in range(match.start(), match.end()):
            where[k] = out
        pieces.append(chinese)
        out += len(chinese)
        pos = match.end()
    for k in range(pos, len(text)):
        where[k] = out
        out += 1
    pieces.append(text[pos:])
    where[len(text)] = out
    mixed = "".join(pieces)
    # Chinese punctuation, and no spaces: each removed or changed character moves the offsets after it.
    keep = [True] * len(mixed)
    chars = list(mixed)
    stops = set()
    for pattern, stop in punctuation:
        for match in pattern.finditer(mixed):
            chars[match.start()] = stop
            stops.add(match.start())
            for k in range(match.start() + 1, match.end()):
                keep[k] = False
    for k, ch in enumerate(chars):
        if ch == " " and k not in stops:
            keep[k] = False
    shift, kept = [0] * (len(mixed) + 1), 0
    for k in range(len(mixed)):
        shift[k] = kept
        kept += keep[k]
    shift[len(mixed)] = kept
    return "".join(ch for ch, ok in zip(chars, keep) if ok), [shift[w] for w in where]


def translate_corpus(
    truth: Truth, make_mapping: Callable[[list[str]], dict[str, str]], out_dir: Path, punctuation=_PUNCT
) -> tuple[Truth, dict[str, str]]:
    """Write the corpus of ``truth`` in simulated Chinese (or Thai) to ``out_dir/articles``: the truth with its spans moved, and the words' mapping.

    ``make_mapping`` maps the English words of the texts it is given; ``punctuation`` is :func:`translate`'s.
    """
    src = Path(truth.articles_dir)
    dest = out_dir / "articles"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    names = sorted(p.name for p in src.iterdir())
    texts = {name: (src / name).read_text(encoding="utf-8") for name in names}
    mapping = make_mapping(list(texts.values()))
    where = {}
    for name, text in texts.items():
        translated, where[name] = translate(text, mapping, punctuation)
        (dest / name).write_text(translated, encoding="utf-8")
    plants = tuple(
        replace(
            p,
            source_span=(where[p.source][p.source_span[0]], where[p.source][p.source_span[1]]),
            target_span=(where[p.target][p.target_span[0]], where[p.target][p.target_span[1]]),
        )
        for p in truth.plants
    )
    return replace(truth, articles_dir=str(dest), plants=plants), mapping


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def render(ctx: dict) -> str:
    corpora = "; ".join(f"{name}: {how}" for name, how in ctx["made"].items())
    lines = [
        "# Benchmark: `reuse scan` on simulated Chinese and Thai, beside the English corpus",
        "",
        f"- Date: {ctx['date']}",
        f"- Command: `{ctx['command']}`",
        f"- Code: snapshot {ctx['code_hash']} of the working tree's `reuse/` (reuse {ctx['version']}); each run a fresh child process, `reuse.scan(folder)`, one process",
        f"- Corpus: {ctx['articles']:,} articles, seed {ctx['seed']} (`scripts/corpus_gen.py`), and the same translated word by word ({corpora})",
        f"- Runs: {ctx['runs']} per corpus, the corpora in turn (reversed every other run); medians",
        "",
        "| corpus | seconds | articles/s | peak MiB | words (as the scan counts them) | pairs | false pairs | precision | "
        + " | ".join(f"recall {k}" for k in KINDS) + " |",
        "|---|---|---|---|---|---|---|---|" + "---|" * len(KINDS),
    ]
    for name, runs in ctx["runs_by"].items():
        good = [r for r in runs if r.ok]
        if not good:
            lines.append(f"| {name} | FAILED: {runs[0].error.splitlines()[0] if runs else 'not run'} |")
            continue
        s = score(good[-1].data, ctx["truths"][name], passages=True)
        secs = _med([r.seconds for r in good])
        lines.append(
            f"| {name} | {secs:.2f} | {ctx['articles'] / secs:,.0f} | {_med([r.peak_mb for r in good]):.0f} | {ctx['words'][name]:,} | "
            f"{s['reported']:,} | {s['false_pairs']:,} | {s['precision']:.3f} | " + " | ".join(f"{s['recall'][k]:.3f}" for k in KINDS) + " |"
        )
    lines += [
        "",
        "Recall counts a planted passage as found when a reported pair joins its source and target and one of its passages "
        "covers at least half of the planted span on the target side (as in `reports/benchmark.md`). A false pair joins two "
        "articles with no planted or implied shared text. Words are what the scan counts: a CJK character, a Thai letter "
        "cluster, or a run of other letters.",
        "",
        "## Reproduce",
        "",
        "```",
        "pip download jieba==0.42.1 --no-deps --no-binary :all: -d /tmp/jieba && tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba",
        "pip download pythainlp==5.4.0 --no-deps -d /tmp/pythainlp && unzip -q /tmp/pythainlp/pythainlp-5.4.0-py3-none-any.whl -d /tmp/pythainlp",
        ctx["reproduce"],
        "```",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dict", help="jieba's dict.txt, or any file of 'word frequency tag' lines: the simulated Chinese")
    parser.add_argument("--thai", help="PyThaiNLP's corpus folder (tnc_freq.txt, stopwords_th.txt, name lists): the simulated Thai")
    parser.add_argument("--articles", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--runs", type=int, default=3, help="runs per corpus; medians are reported (default 3)")
    parser.add_argument("--max-name", type=int, default=4, help="longest Chinese name, in characters (default 4)")
    parser.add_argument("--max-thai-name", type=int, default=8, help="longest Thai name or surname, in letters (default 8)")
    parser.add_argument("--out", default=str(REPO / "reports" / "benchmark-cjk.md"), help="Markdown report")
    parser.add_argument("--workdir", help="keep the corpora and child results here (default: a temporary folder)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per child run (default 1800)")
    args = parser.parse_args(argv)
    if not args.dict and not args.thai:
        parser.error("give --dict (Chinese), --thai (Thai) or both; see --help for where to get them")
    if args.dict and not Path(args.dict).is_file():
        raise SystemExit(f"{args.dict}: no such file; fetch jieba's dictionary first (see --help).")
    if args.thai and not Path(args.thai).is_dir():
        raise SystemExit(f"{args.thai}: no such folder; fetch PyThaiNLP's word lists first (see --help).")
    command = "python scripts/bench_cjk.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    reproduce = command
    for given, fetched in ((args.dict, "/tmp/jieba/jieba-0.42.1/jieba/dict.txt"), (args.thai, "/tmp/pythainlp/pythainlp/corpus")):
        if given:
            reproduce = reproduce.replace(given, fetched)
    tmp = None if args.workdir else tempfile.TemporaryDirectory(prefix="reuse-bench-cjk-")
    work = Path(args.workdir or tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    try:
        base = f"corpus-{args.articles}-{args.seed}"
        english = generate_corpus(args.articles, args.seed, work / base)
        stopwords = frozenset((REPO / "reuse" / "data" / "stopwords-en.txt").read_text(encoding="utf-8").split())
        truths, made = {"English": english}, {}
        if args.dict:
            pools = chinese_pools(read_dictionary(Path(args.dict)), args.max_name)
            truths["simulated Chinese"], mapped = translate_corpus(english, lambda texts: word_mapping(texts, pools, stopwords), work / f"{base}-zh")
            made["simulated Chinese"] = f"{len(mapped):,} English words to words of `{Path(args.dict).name}`, names of at most {args.max_name} characters"
        if args.thai:
            pools = thai_pools(Path(args.thai), args.max_thai_name)
            truths["simulated Thai"], mapped = translate_corpus(
                english, lambda texts: word_mapping(texts, pools, stopwords), work / f"{base}-th", THAI_PUNCT
            )
            made["simulated Thai"] = f"{len(mapped):,} English words to words of PyThaiNLP's `tnc_freq.txt`, names of at most {args.max_thai_name} letters"
        code = work / "code"
        code_hash = snapshot_code(code)
        runs_by: dict[str, list] = {name: [] for name in truths}
        for i in range(args.runs):
            for name in truths if i % 2 == 0 else list(truths)[::-1]:
                print(f"run {i + 1}/{args.runs}: {name} ...", file=sys.stderr, flush=True)
                run = run_tool("reuse", Path(truths[name].articles_dir), work / f"result-{name.split()[-1]}-{i}.json", args.timeout, code)
                runs_by[name].append(run)
                print(f"  {run.seconds:.2f} s, {len(run.data['pairs'])} pairs" if run.ok else f"  FAILED: {run.error}", file=sys.stderr)
        words = {}
        from reuse import __version__
        from reuse.text import word_count  # the scan's own count of CJK characters and Thai clusters

        for name, truth in truths.items():
            words[name] = sum(word_count(p.read_text(encoding="utf-8")) for p in Path(truth.articles_dir).iterdir())
        ctx = {
            "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "command": command,
            "reproduce": reproduce,
            "version": __version__,
            "code_hash": code_hash,
            "articles": args.articles,
            "seed": args.seed,
            "runs": args.runs,
            "made": made,
            "runs_by": runs_by,
            "truths": truths,
            "words": words,
        }
        Path(args.out).write_text(render(ctx), encoding="utf-8")
        print(f"report written to {args.out}", file=sys.stderr)
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
