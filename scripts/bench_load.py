"""Time loading (``reuse.load.load_articles``) against an earlier revision, side by side.

The baseline's ``reuse/`` is taken from git (``git archive``) into a
temporary folder; each run is a fresh child process that imports one of the
two and times ``load_articles`` on the corpus, runs interleaved so that both
see the same machine load. Medians go to ``reports/benchmark-load.md``.

With ``--jobs N`` it times this tree with one process against ``N``
instead (loading over the scan's workers), and ``--html K`` first wraps the
first ``K`` texts of the corpus in simple HTML pages (title, site metadata,
a script, navigation and the paragraphs), so the measure covers main-text
extraction, the part of loading that goes to the workers.

Usage::

    python scripts/corpus_gen.py --articles 10000 --seed 7 --out /tmp/c10k
    python scripts/bench_load.py /tmp/c10k/articles --baseline c0f65dc
    python scripts/bench_load.py /tmp/c10k/articles --jobs 2 --html 3000 --out reports/benchmark-load-html.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import resource, sys, time
sys.path.insert(0, sys.argv[1])
from reuse.load import load_articles
jobs = int(sys.argv[3])
start_wall, start_cpu = time.perf_counter(), time.process_time()
result = load_articles(sys.argv[2], jobs=jobs) if jobs > 1 else load_articles(sys.argv[2])
wall = time.perf_counter() - start_wall
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = time.process_time() - start_cpu + workers.ru_utime + workers.ru_stime
print(wall, cpu, len(result.articles), len(result.skipped))
"""

HTML_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
    '<meta property="og:site_name" content="Outlet {outlet}"><meta property="article:published_time" content="2025-05-01">'
    "<script>var tracking = 1;</script></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>{title}</h1>{paragraphs}</article><footer>Share this story. Previous Post Next Post</footer></body></html>"
)


def _html_corpus(corpus: Path, count: int, into: Path) -> Path:
    """The first ``count`` texts of ``corpus`` as simple news pages in ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(sorted(corpus.glob("*.txt"))[:count]):
        text = path.read_text(encoding="utf-8")
        title = html.escape(text.split(".")[0][:120])
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
        page = HTML_PAGE.format(title=title, outlet=k % 50, paragraphs=paragraphs)
        (into / path.with_suffix(".html").name).write_text(page, encoding="utf-8")
    return into


def _baseline_tree(revision: str, into: Path) -> None:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "reuse"], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(into)


def _time(root: Path, corpus: Path, jobs: int = 1) -> tuple[float, float, int, int]:
    command = [sys.executable, "-c", CHILD, str(root), str(corpus), str(jobs)]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    wall, cpu, articles, skipped = out.stdout.split()
    return float(wall), float(cpu), int(articles), int(skipped)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of articles, e.g. /tmp/c10k/articles")
    parser.add_argument("--baseline", default="c0f65dc", help="git revision to compare with (default c0f65dc)")
    parser.add_argument("--runs", type=int, default=5, help="runs per version (default 5)")
    parser.add_argument("--jobs", type=int, default=None, help="time this tree with one process against JOBS instead of a baseline")
    parser.add_argument("--html", type=int, default=None, metavar="K", help="load the first K texts wrapped in HTML pages")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "benchmark-load.md")
    args = parser.parse_args(argv)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="reuse-baseline-") as tmp:
        corpus = _html_corpus(args.corpus, args.html, Path(tmp) / "html") if args.html else args.corpus
        if args.jobs:
            versions = {"this tree, 1 process": (ROOT, 1), f"this tree, {args.jobs} processes": (ROOT, args.jobs)}
        else:
            _baseline_tree(args.baseline, Path(tmp))
            versions = {f"baseline ({args.baseline})": (Path(tmp), 1), "this tree": (ROOT, 1)}
        runs: dict[str, list[tuple[float, float, int, int]]] = {name: [] for name in versions}
        for root, jobs in versions.values():  # warm-up, not timed: the page cache and the .pyc files
            _time(root, corpus, jobs)
        for _ in range(args.runs):
            for name, (root, jobs) in versions.items():
                runs[name].append(_time(root, corpus, jobs))
        files = sum(1 for _ in corpus.rglob("*") if _.is_file())
    shown = " ".join(f"--{k} {v}" for k, v in (("jobs", args.jobs), ("html", args.html)) if v) or f"--baseline {args.baseline}"
    lines = [
        "# Benchmark: loading",
        "",
        f"- Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Command: `python scripts/bench_load.py {args.corpus} {shown} --runs {args.runs}`",
        f"- Corpus: {files} files from `{args.corpus}` (generated by `scripts/corpus_gen.py`"
        + (", wrapped in HTML pages" if args.html else "")
        + "), read from the page cache (one untimed warm-up run per version first)",
        f"- Machine: {os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{' '.join(f'{x:.2f}' for x in load_before) if load_before else '?'} before",
        f"- Runs: {args.runs} per version, interleaved, each a fresh process timing `load_articles` alone; medians; "
        "CPU counts the worker processes too",
        "",
        "| version | wall s (median) | CPU s (median) | articles/s | articles | skipped | runs (wall s) |",
        "|---|---|---|---|---|---|---|",
    ]
    medians = {}
    for name, results in runs.items():
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        medians[name] = wall
        lines.append(
            f"| {name} | {wall:.3f} | {cpu:.3f} | {results[0][2] / wall:,.0f} | {results[0][2]} | {results[0][3]} | "
            + ", ".join(f"{r[0]:.2f}" for r in results)
            + " |"
        )
    base, new = medians.values()
    lines += ["", f"Speed-up: **{base / new:.1f}x** (the first row's median / the second's).", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
