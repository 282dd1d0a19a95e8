"""Measure ``reuse scan`` on text without spaces: the benchmark corpus in simulated Chinese, beside the English.

No labelled corpus of Chinese news reuse was at hand, so the benchmark corpus
(``scripts/corpus_gen.py``) is translated word by word into Chinese of
realistic statistics: each English word becomes a real Chinese word of like
frequency rank from a frequency dictionary (jieba's ``dict.txt``: lines of
``word frequency part-of-speech``). English stopwords become Chinese function
words (particles, pronouns, prepositions, adverbs...), capitalised words
become names of at most ``--max-name`` characters, other words nouns, verbs
and adjectives. Spaces are dropped and punctuation made Chinese, so the text
has no word boundaries, and a Chinese function character is as frequent as
in real text. The planted spans are carried over, so recall is scored on
passages as in ``scripts/bench.py``. The sentences are no Chinese grammar:
the figures speak for the character statistics, not for real prose.

Both corpora are scanned alternately, each run in a fresh child process
(``reuse.scan(folder)``, one process), and the medians written to
``reports/benchmark-cjk.md``.

The dictionary is not shipped; fetch it once::

    pip download jieba==0.42.1 --no-deps --no-binary :all: -d /tmp/jieba
    tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba

Usage::

    python scripts/bench_cjk.py --dict /tmp/jieba/jieba-0.42.1/jieba/dict.txt
    python scripts/bench_cjk.py --dict DICT --articles 2000 --runs 1 --workdir /tmp/bench-cjk
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


def word_mapping(texts: list[str], entries: list[tuple[int, str, str]], stopwords: frozenset[str], max_name: int) -> dict[str, str]:
    """Each folded English word of ``texts`` to a distinct Chinese word of like rank in its class."""
    counts: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group()
            counts[word.lower()] += 1
            capitalised[word.lower()] += word[0].isupper()
    pools = {
        "function": iter([w for _, w, tag in entries if tag in FUNCTION_TAGS]),
        "name": iter([w for _, w, tag in entries if tag in NAME_TAGS and 2 <= len(w) <= max_name]),
        "content": iter([w for _, w, tag in entries if tag not in FUNCTION_TAGS and tag not in NAME_TAGS]),
    }
    mapping = {}
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        pool = "function" if word in stopwords else "name" if capitalised[word] > 0.8 * n else "content"
        try:
            mapping[word] = next(pools[pool])
        except StopIteration:
            raise SystemExit(f"the dictionary has too few {pool} words for this corpus ({len(mapping):,} mapped)") from None
    return mapping


def translate(text: str, mapping: dict[str, str]) -> tuple[str, list[int]]:
    """The text in simulated Chinese, and where each of its offsets (and its end) lands in it."""
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
    for pattern, stop in _PUNCT:
        for match in pattern.finditer(mixed):
            chars[match.start()] = stop
            for k in range(match.start() + 1, match.end()):
                keep[k] = False
    for k, ch in enumerate(chars):
        if ch == " ":
            keep[k] = False
    shift, kept = [0] * (len(mixed) + 1), 0
    for k in range(len(mixed)):
        shift[k] = kept
        kept += keep[k]
    shift[len(mixed)] = kept
    return "".join(ch for ch, ok in zip(chars, keep) if ok), [shift[w] for w in where]


def translate_corpus(truth: Truth, make_mapping: Callable[[list[str]], dict[str, str]], out_dir: Path) -> tuple[Truth, dict[str, str]]:
    """Write the corpus of ``truth`` in simulated Chinese to ``out_dir/articles``: the truth with its spans moved, and the words' mapping.

    ``make_mapping`` maps the English words of the texts it is given.
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
        chinese, where[name] = translate(text, mapping)
        (dest / name).write_text(chinese, encoding="utf-8")
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
    lines = [
        "# Benchmark: `reuse scan` on simulated Chinese, beside the English corpus",
        "",
        f"- Date: {ctx['date']}",
        f"- Command: `{ctx['command']}`",
        f"- Code: snapshot {ctx['code_hash']} of the working tree's `reuse/`; each run a fresh child process, `reuse.scan(folder)`, one process",
        f"- Corpus: {ctx['articles']:,} articles, seed {ctx['seed']} (`scripts/corpus_gen.py`), and the same in simulated Chinese "
        f"({ctx['mapped']:,} English words mapped to words of `{ctx['dict_name']}`, names of at most {ctx['max_name']} characters)",
        f"- Runs: {ctx['runs']} per corpus, alternating; medians",
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
        "articles with no planted or implied shared text.",
        "",
        "## Reproduce",
        "",
        "```",
        "pip download jieba==0.42.1 --no-deps --no-binary :all: -d /tmp/jieba && tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba",
        ctx["command"].replace(ctx["dict"], "/tmp/jieba/jieba-0.42.1/jieba/dict.txt"),
        "```",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dict", required=True, help="jieba's dict.txt, or any file of 'word frequency tag' lines")
    parser.add_argument("--articles", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--runs", type=int, default=3, help="runs per corpus; medians are reported (default 3)")
    parser.add_argument("--max-name", type=int, default=4, help="longest Chinese name, in characters (default 4)")
    parser.add_argument("--out", default=str(REPO / "reports" / "benchmark-cjk.md"), help="Markdown report")
    parser.add_argument("--workdir", help="keep the corpora and child results here (default: a temporary folder)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per child run (default 1800)")
    args = parser.parse_args(argv)
    dictionary = Path(args.dict)
    if not dictionary.is_file():
        raise SystemExit(f"{dictionary}: no such file; fetch jieba's dictionary first (see --help).")
    command = "python scripts/bench_cjk.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    tmp = None if args.workdir else tempfile.TemporaryDirectory(prefix="reuse-bench-cjk-")
    work = Path(args.workdir or tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    try:
        english = generate_corpus(args.articles, args.seed, work / f"corpus-{args.articles}-{args.seed}")
        entries = read_dictionary(dictionary)
        stopwords = frozenset((REPO / "reuse" / "data" / "stopwords-en.txt").read_text(encoding="utf-8").split())
        chinese, mapped = translate_corpus(
            english, lambda texts: word_mapping(texts, entries, stopwords, args.max_name), work / f"corpus-{args.articles}-{args.seed}-zh"
        )
        truths = {"English": english, "simulated Chinese": chinese}
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
        from reuse.text import word_count  # the scan's own count of CJK words

        for name, truth in truths.items():
            words[name] = sum(word_count(p.read_text(encoding="utf-8")) for p in Path(truth.articles_dir).iterdir())
        ctx = {
            "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "command": command,
            "dict": args.dict,
            "dict_name": dictionary.name,
            "code_hash": code_hash,
            "articles": args.articles,
            "seed": args.seed,
            "runs": args.runs,
            "max_name": args.max_name,
            "mapped": len(mapped),
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
