"""Benchmark ``reuse scan`` against the straightforward datasketch recipe.

A corpus of news-like articles with planted verbatim, lightly edited and
partial passages is generated once (``scripts/corpus_gen.py``, repeatable for a
seed); then each run times both tools side by side, interleaved, each in a
fresh child process so that its peak memory can be measured:

``reuse``
    ``import reuse; reuse.scan(folder)`` with the default settings, loading
    included.
``baseline``
    The recipe most users write from the datasketch README: read the files,
    lower-case, word 5-gram shingles, ``MinHash(num_perm=128)`` fed one
    shingle at a time with ``update``, a document-level
    ``MinHashLSH(threshold=0.5, num_perm=128)``, insert all then query all.

Both are scored against the planted truth (recall per kind, pair precision)
and the medians over runs go to a Markdown report with a PASS/FAIL line per
target of the issue.

Usage::

    python scripts/bench.py                      # 10,000 articles, 3 runs
    python scripts/bench.py --quick              # 1,000 articles, 1 run, to reports/benchmark-quick.md
    python scripts/bench.py --articles 2000 --runs 1 --only reuse --workdir /tmp/bench

The code is in four modules: ``bench_harness.py`` (the child processes, the
code snapshot, running and measuring a child), ``bench_score.py`` (recall and
precision against the truth), ``bench_report.py`` (the Markdown report) and
this one (the command line and the run). Names other scripts import from
``bench`` are still importable from here.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import shlex
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from bench_harness import (  # noqa: E402
    _LOAD_SEEN,
    TOOLS,
    Run,
    _dump_runs,
    _load,
    _run_child,
    run_tool,
    snapshot_code,
)
from bench_report import (  # noqa: E402
    TARGET_MB,
    TARGET_RATE,
    TARGET_RECALL,
    TARGET_SPEEDUP,
    _versions,
    render,
)
from bench_score import KINDS, OVERLAP, _med, _median_score, score  # noqa: E402
from corpus_gen import Truth, generate_corpus  # noqa: E402

__all__ = [
    "KINDS", "OVERLAP", "TARGET_MB", "TARGET_RATE", "TARGET_RECALL", "TARGET_SPEEDUP", "TOOLS",
    "Run", "Truth", "main", "render", "run_tool", "score", "snapshot_code",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per tool; medians are reported (default 3)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--out", help="Markdown report (default reports/benchmark.md, "
                        "or reports/benchmark-quick.md with --quick)")
    parser.add_argument("--workdir", help="keep the corpus and child results here (default: a temporary folder)")
    parser.add_argument("--quick", action="store_true", help="smoke test: 1,000 articles, 1 run")
    parser.add_argument("--only", choices=TOOLS, help="run one tool only")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per child run (default 1800)")
    parser.add_argument("--child", choices=TOOLS, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _run_child(args.child, args.folder, args.result)
    if args.quick:
        args.articles, args.runs = 1000, 1
    if args.out is None:
        args.out = str(REPO / "reports" / ("benchmark-quick.md" if args.quick else "benchmark.md"))

    command = "python scripts/bench.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    tools = (args.only,) if args.only else TOOLS
    tmp = None
    if args.workdir:
        work = Path(args.workdir)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="reuse-bench-")
        work = Path(tmp.name)
    try:
        load_before = _load()
        corpus = work / f"corpus-{args.articles}-{args.seed}"
        print(f"generating {args.articles:,} articles (seed {args.seed}) in {corpus} ...", file=sys.stderr)
        start = time.perf_counter()
        truth = generate_corpus(args.articles, args.seed, corpus)
        gen_s = time.perf_counter() - start
        print(f"  {len(truth.plants)} planted passages, {gen_s:.1f} s", file=sys.stderr)
        folder = Path(truth.articles_dir)
        code = work / "code"
        code_hash = snapshot_code(code)
        print(f"  reuse code snapshot {code_hash} in {code}", file=sys.stderr)
        runs: dict[str, list[Run]] = {t: [] for t in tools}
        for i in range(args.runs):
            order = tools if i % 2 == 0 else tools[::-1]
            for tool in order:
                print(f"run {i + 1}/{args.runs}: {tool} ...", file=sys.stderr, flush=True)
                run = run_tool(tool, folder, work / f"result-{tool}-{i}.json", args.timeout, code)
                runs[tool].append(run)
                if run.ok:
                    print(f"  {run.seconds:.2f} s ({args.articles / run.seconds:,.0f} articles/s), "
                          f"{run.peak_mb:.0f} MiB, {len(run.data['pairs'])} pairs", file=sys.stderr)
                else:
                    print(f"  FAILED: {run.error.splitlines()[0]}", file=sys.stderr)
                    if tool == "reuse" and i == 0:
                        print("  (is reuse.scan implemented? the report will say FAIL for its targets)", file=sys.stderr)
        scores = {}
        for tool in tools:
            good = [r for r in runs[tool] if r.ok]
            if good:
                scores[tool] = _median_score([score(r.data, truth, passages=(tool == "reuse")) for r in good])
                pair_sets = {frozenset((p["a"], p["b"]) for p in r.data["pairs"]) for r in good}
                scores[tool]["runs_agree"] = len(pair_sets) == 1
        _dump_runs(work / "runs.json", runs, code_hash)
        ctx = {
            "n_articles": args.articles,
            "n_runs": args.runs,
            "truth": truth,
            "runs": runs,
            "scores": scores,
            "gen_s": gen_s,
            "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "command": command,
            "versions": _versions(),
            "load_before": load_before,
            "load_after": _load(),
            "load_max": _LOAD_SEEN[0],
            "quick": args.quick,
            "code_hash": code_hash,
        }
        good_reuse = [r for r in runs.get("reuse", []) if r.ok]
        if good_reuse:
            ctx["reuse_version"] = good_reuse[-1].data.get("version")
            ctx["fingerprint"] = good_reuse[-1].data.get("fingerprint")
            names = [name for name, _ in good_reuse[-1].data.get("stages", [])]
            ctx["stages"] = [
                (name, _med([dict(r.data["stages"]).get(name, 0.0) for r in good_reuse])) for name in names
            ]
        text = render(ctx)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(text)
        print(f"report written to {out}", file=sys.stderr)
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
