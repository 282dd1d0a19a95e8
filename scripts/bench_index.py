"""Benchmark the persistent index: adding articles, and checking a new batch against it.

A corpus with planted reuse is generated (``scripts/corpus_gen.py``); its
first ``--articles`` articles are added to an index in batches of
``--batch`` (as a daily scrape would add them), and the last ``--new`` are
checked against it. Every step runs in a fresh child process so that its
peak memory (``VmHWM``) is its own:

``add``
    ``reuse.index.add_folder`` per batch folder, loading included, into a
    new index; articles per second over all batches, and the file's size
    once the write-ahead log is checkpointed.
``check``
    ``reuse.index.check(new, index, jobs=...)`` in as many processes as
    ``reuse check`` takes (every core, unless ``--jobs``): wall time, peak
    memory (the check's process and its workers'), and recall of the planted
    passages that involve a new article.
``scan`` (the baseline, without an index)
    ``reuse.scan`` over the index's articles and the new ones together: what
    checking costs without an index; its pairs involving a new article must
    equal the check's.

Medians over ``--runs`` runs go to a Markdown report with a PASS/FAIL line
per target of issue 5.

Usage::

    python scripts/bench_index.py                              # 20,000 + 1,000 articles, 3 runs
    python scripts/bench_index.py --articles 100000 --runs 1   # the issue's scale
    python scripts/bench_index.py --articles 2000 --new 200 --runs 1 --out /tmp/b.md   # a quick look
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_gen import GENERATOR_VERSION, Truth, generate_corpus  # noqa: E402
from bench_index_report import KINDS, OVERLAP, render  # noqa: E402
from procstatus import status_kb  # noqa: E402

# ---------------------------------------------------------------------------
# Children


def _peak_mb() -> float:
    """This process's peak resident size (``VmHWM``, where Linux has it; see procstatus), else ``ru_maxrss``."""
    peak = status_kb("VmHWM")
    if peak is not None:
        return peak / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _workers_peak_mb() -> float:
    """The largest peak resident size of this process's finished children (its worker processes), or 0."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux


def _pairs(result) -> list:
    return [
        [p.a, p.b, p.kind.value, [[x.a_start, x.a_end, x.b_start, x.b_end, x.kind.value] for x in p.passages]]
        for p in result.pairs
    ]


def _cpu_seconds() -> float:
    """User and system time of this process and the workers it waited for."""
    import resource

    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _child(mode: str, work: Path, out: Path, jobs: int) -> None:
    from reuse.index import add_folder, check  # the snapshot in work/code (PYTHONPATH)

    db = work / "index.db"
    if mode == "add":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        batches = sorted((work / "batches").iterdir())
        start, cpu = time.perf_counter(), _cpu_seconds()
        per_batch = []
        for folder in batches:
            t = time.perf_counter()
            done = add_folder(folder, db, jobs=jobs)  # as `reuse index add` does: --jobs defaults to every core
            per_batch.append((len(done.result.added), time.perf_counter() - t))
        seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
        con = sqlite3.connect(db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:
            tables = dict(con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
        except sqlite3.OperationalError:
            tables = {}
        con.close()
        size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
        data = {
            "seconds": seconds,
            "cpu_seconds": cpu,
            "jobs": jobs,
            "articles": sum(n for n, _ in per_batch),
            "per_batch": per_batch,
            "bytes": size,
            "tables": tables,
        }
    elif mode == "check":
        start = time.perf_counter()
        result = check(work / "new", db, jobs=jobs)  # as `reuse check` does: --jobs defaults to every core
        data = {"seconds": time.perf_counter() - start, "pairs": _pairs(result), "timings": list(result.timings), "jobs": jobs,
                "worker_mb": _workers_peak_mb()}
    else:
        import reuse

        start = time.perf_counter()
        result = reuse.scan(work / "union")
        data = {"seconds": time.perf_counter() - start, "pairs": _pairs(result)}
    data["peak_mb"] = _peak_mb()
    out.write_text(json.dumps(data), encoding="utf-8")


def snapshot_code(dest: Path) -> None:
    """Copy the ``reuse`` package and this script to ``dest``: every run times the same code while the tree is edited."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(REPO / "reuse", dest / "reuse", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("bench_index.py", "bench_index_report.py", "corpus_gen.py", "corpus_plant.py", "corpus_text.py", "procstatus.py"):
        shutil.copy2(HERE / name, dest / name)


def _run(mode: str, work: Path, timeout: float, jobs: int = 1) -> dict:
    out = work / f"result-{mode}.json"
    out.unlink(missing_ok=True)
    code = work / "code"
    env = dict(os.environ, PYTHONPATH=str(code))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(code / "bench_index.py"), "--child", mode, "--work", str(work), "--result", str(out), "--jobs", str(jobs)],
        check=True,
        timeout=timeout,
        env=env,
        cwd=str(code),
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    data["process_seconds"] = time.perf_counter() - start
    return data


# ---------------------------------------------------------------------------
# Setting up and scoring


def _drop_page_cache() -> bool:
    """Write the dirty pages and drop the page cache, so the next check reads the index from disk; False where not allowed."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w", encoding="ascii") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def prepare(work: Path, n_index: int, n_new: int, batch: int, seed: int) -> Truth:
    """Generate the corpus and link its files into batches/, new/ and union/.

    A corpus already in ``work`` is kept when its size, seed and generator
    match; its files are linked again unless they were split the same way
    (``layout.json``): the same total with another ``--new`` or ``--batch``
    must not keep the old split under the new labels.
    """
    corpus = work / "corpus"
    truth_path = corpus / "truth.json"
    layout_path = work / "layout.json"
    layout = {"indexed": n_index, "new": n_new, "batch": batch}
    truth = None
    if truth_path.exists():
        truth = Truth.read(truth_path)
        if truth.n_articles != n_index + n_new or truth.seed != seed or truth.generator_version != GENERATOR_VERSION:
            truth = None
    if truth is not None and layout_path.exists() and json.loads(layout_path.read_text(encoding="utf-8")) == layout:
        return truth
    if truth is None:
        shutil.rmtree(work, ignore_errors=True)
        truth = generate_corpus(n_index + n_new, seed, corpus)
    for part in ("batches", "new", "union"):
        shutil.rmtree(work / part, ignore_errors=True)
    layout_path.unlink(missing_ok=True)
    files = sorted((corpus / "articles").iterdir())
    for k, f in enumerate(files):
        if k < n_index:
            dest = work / "batches" / f"batch{k // batch:04d}"
        else:
            dest = work / "new"
        dest.mkdir(parents=True, exist_ok=True)
        os.link(f, dest / f.name)
        (work / "union").mkdir(exist_ok=True)
        os.link(f, work / "union" / f.name)
    layout_path.write_text(json.dumps(layout), encoding="utf-8")
    return truth


def score(pairs: list, truth: Truth, new: set[str]) -> dict:
    """Recall per kind of the plants with a new article on either side (pair, and passage covering the span)."""
    by_pair = {frozenset((a, b)): (a, passages) for a, b, _, passages in pairs}
    total = {k: 0 for k in KINDS}
    pair_found = {k: 0 for k in KINDS}
    found = {k: 0 for k in KINDS}
    for plant in truth.plants:
        if plant.source not in new and plant.target not in new:
            continue
        total[plant.kind] += 1
        hit = by_pair.get(frozenset((plant.source, plant.target)))
        if hit is None:
            continue
        pair_found[plant.kind] += 1
        a, passages = hit
        side = 0 if a == plant.target else 2
        lo, hi = plant.target_span
        if any(max(0, min(x[side + 1], hi) - max(x[side], lo)) >= OVERLAP * (hi - lo) for x in passages):
            found[plant.kind] += 1
    return {
        "total": total,
        "pair_recall": {k: pair_found[k] / total[k] if total[k] else float("nan") for k in KINDS},
        "recall": {k: found[k] / total[k] if total[k] else float("nan") for k in KINDS},
    }


def _as_check(pairs: list, new: set[str]) -> set:
    """Scan pairs involving a new article, seen from the new side, as comparable tuples."""
    out = set()
    for a, b, kind, passages in pairs:
        if a not in new and b not in new:
            continue
        if a not in new:
            a, b = b, a
            passages = [[x[2], x[3], x[0], x[1], x[4]] for x in passages]
        out.add((a, b, kind, tuple(sorted(tuple(x) for x in passages))))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles to index (default 20000)")
    parser.add_argument("--new", type=int, default=1_000, help="new articles to check (default 1000)")
    parser.add_argument("--batch", type=int, default=5_000, help="articles per add (default 5000)")
    parser.add_argument("--runs", type=int, default=3, help="check runs; medians are reported (default 3)")
    parser.add_argument("--add-runs", type=int, default=None, help="add runs (default: --runs)")
    parser.add_argument("--scan-runs", type=int, default=1, help="baseline scan runs (default 1; 0 skips it)")
    parser.add_argument("--cold-runs", type=int, default=0,
                        help="check runs after dropping the page cache (Linux, as root), after the others (default 0)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--work", default="/tmp/reuse-bench-index", help="working folder (default /tmp/reuse-bench-index)")
    parser.add_argument("--out", default=str(REPO / "reports" / "benchmark-index.md"), help="Markdown report")
    parser.add_argument("--jobs", type=int, default=None, help="processes an add and a check work in (default: every core, as `reuse index add` and `reuse check`)")
    parser.add_argument("--child", choices=("add", "check", "scan"), help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--render", metavar="RESULTS", help="only write the report from a run's results.json")
    args = parser.parse_args(argv)
    work = Path(args.work)
    if args.render:
        ctx = json.loads(Path(args.render).read_text(encoding="utf-8"))
        Path(args.out).write_text(render(ctx), encoding="utf-8")
        return 0
    if args.child:
        _child(args.child, work, Path(args.result), args.jobs or 1)
        return 0
    from reuse.parallel import default_jobs

    jobs = args.jobs or default_jobs()
    truth = prepare(work, args.articles, args.new, args.batch, args.seed)
    snapshot_code(work / "code")
    new = {f.name for f in (work / "new").iterdir()}
    timeout = 4 * 3600
    adds, checks, scans = [], [], []
    add_runs = args.runs if args.add_runs is None else args.add_runs
    for k in range(max(add_runs, args.runs, args.scan_runs)):
        if k < add_runs:
            adds.append(_run("add", work, timeout, jobs))
            print(f"add run {k + 1}: {adds[-1]['articles'] / adds[-1]['seconds']:.0f} articles/s", file=sys.stderr)
        if k < args.runs:
            checks.append(_run("check", work, timeout, jobs))
            checks[-1]["score"] = score(checks[-1]["pairs"], truth, new)
            print(f"check run {k + 1}: {checks[-1]['seconds']:.2f} s", file=sys.stderr)
        if k < args.scan_runs:
            scans.append(_run("scan", work, timeout))
            print(f"scan run {k + 1}: {scans[-1]['seconds']:.1f} s", file=sys.stderr)
    for k in range(args.cold_runs):
        if not _drop_page_cache():
            print("cannot drop the page cache (needs Linux and root): no cold check runs", file=sys.stderr)
            break
        checks.append(_run("check", work, timeout, jobs))
        checks[-1].update(cold=True, score=score(checks[-1]["pairs"], truth, new))
        print(f"cold check run {k + 1}: {checks[-1]['seconds']:.2f} s", file=sys.stderr)
    same = "not compared"
    if scans:
        ours, theirs = _as_check(checks[-1]["pairs"], new), _as_check(scans[-1]["pairs"], new)
        same = "identical" if ours == theirs else f"{len(ours ^ theirs)} of {len(ours | theirs)} pairs differ"
    command = "python scripts/bench_index.py " + " ".join(argv if argv is not None else sys.argv[1:])
    ctx = {
        "adds": adds,
        "checks": checks,
        "scans": scans,
        "n_index": args.articles,
        "n_new": args.new,
        "batch": args.batch,
        "seed": args.seed,
        "same_as_scan": same,
        "command": command.strip(),
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        "load": f"Load average (1, 5, 15 min) at the end of the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores (the machine is shared with other jobs; timings are noisy).",
    }
    (work / "results.json").write_text(json.dumps(ctx), encoding="utf-8")
    Path(args.out).write_text(render(ctx), encoding="utf-8")
    print(f"report written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
