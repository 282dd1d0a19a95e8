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
    ``reuse.index.check(new, index)``: wall time, peak memory, and recall of
    the planted passages that involve a new article.
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
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_gen import GENERATOR_VERSION, Truth, generate_corpus  # noqa: E402
from procstatus import status_kb  # noqa: E402

KINDS = ("verbatim", "light", "partial")
OVERLAP = 0.5  # a passage must cover this share of the planted target span

# The targets.
TARGET_ADD_RATE = 1500.0  # articles/s added
TARGET_BYTES = 16_000  # on disk per article: "16 KB" read the strict way, as 16,000 bytes (16 KiB would be 16,384)
TARGET_CHECK_S = 10.0  # s wall for 1,000 new articles
TARGET_MB = 1000.0  # peak memory of the check
TARGET_RECALL = {"verbatim": 0.98, "light": 0.90}


# ---------------------------------------------------------------------------
# Children


def _peak_mb() -> float:
    """This process's peak resident size (``VmHWM``, where Linux has it; see procstatus), else ``ru_maxrss``."""
    peak = status_kb("VmHWM")
    if peak is not None:
        return peak / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
        result = check(work / "new", db)
        data = {"seconds": time.perf_counter() - start, "pairs": _pairs(result), "timings": list(result.timings)}
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
    for name in ("bench_index.py", "corpus_gen.py", "corpus_plant.py", "corpus_text.py", "procstatus.py"):
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


# ---------------------------------------------------------------------------
# Report


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def render(ctx: dict) -> str:
    adds, checks, scans = ctx["adds"], ctx["checks"], ctx["scans"]
    n_index, n_new = ctx["n_index"], ctx["n_new"]
    rate = _med([a["articles"] / a["seconds"] for a in adds])
    per_article = _med([a["bytes"] / a["articles"] for a in adds])
    warm = [c for c in checks if not c.get("cold")] or checks
    cold = [c for c in checks if c.get("cold")]
    check_s = _med([c["seconds"] for c in warm])
    check_proc = _med([c["process_seconds"] for c in warm])
    check_mb = _med([c["peak_mb"] for c in checks])
    cold_s = _med([c["seconds"] for c in cold]) if cold else None
    recall = checks[-1]["score"]
    scale = "" if n_index >= 100_000 else f" at {n_index:,} indexed, not 100,000"
    lines = [
        "# Benchmark: the persistent index (`reuse index add`, `reuse check`)",
        "",
        f"Generated by `{ctx['command']}` on {ctx['date']} ({ctx['machine']}).",
        "",
        f"A generated corpus (`scripts/corpus_gen.py`, seed {ctx['seed']}) of {n_index + n_new:,} articles "
        f"with planted reuse: the first {n_index:,} are added to a new index in batches of {ctx['batch']:,}, "
        f"the last {n_new:,} are checked against it. Each step runs in its own process; figures are medians "
        f"of {len(checks)} runs (add: {len(adds)}, scan: {len(scans)}).",
        "",
    ]
    if n_index < 100_000:
        lines += [
            f"**Scale.** The issue asks for 100,000 indexed articles; this run indexed {n_index:,} to fit the "
            "time available on a shared 2-core machine. Adding is linear in the articles added; the check "
            "reads the postings rows of every 12-bit key prefix its batch touches (for 1,000 new articles, all "
            "of them), so its look-up time grows linearly with the index, about 4 bytes read and decoded per stored posting.",
            "",
        ]
    lines += [
        "| target (issue 5) | measured | |",
        "|---|---|---|",
        f"| add >= {TARGET_ADD_RATE:,.0f} articles/s | {rate:,.0f} articles/s | {_verdict(rate >= TARGET_ADD_RATE)} |",
        f"| <= 16 KB per article on disk | {per_article:,.0f} bytes ({per_article / 1024:.1f} KiB) | {_verdict(per_article <= TARGET_BYTES)} |",
        f"| check {n_new:,} new articles <= {TARGET_CHECK_S:.0f} s wall | {check_s:.1f} s with the index in the page cache "
        f"({check_proc:.1f} s with interpreter start)"
        + (f"; {cold_s:.1f} s from disk (page cache dropped)" if cold else "; not measured from disk")
        + f" | {_verdict(max(check_s, cold_s or 0.0) <= TARGET_CHECK_S)}{scale} |",
        f"| check peak memory <= {TARGET_MB:,.0f} MB | {check_mb:,.0f} MB | {_verdict(check_mb <= TARGET_MB)}{scale} |",
    ]
    for kind, target in TARGET_RECALL.items():
        got = recall["recall"][kind]
        lines.append(
            f"| recall {kind} >= {target:.2f} | {got:.3f} ({recall['total'][kind]} plants) | {_verdict(got >= target)}{scale} |"
        )
    if scans:
        same = ctx["same_as_scan"]
        lines.append(f"| same pairs and passages as `reuse scan` of the union | {same} | {_verdict(same == 'identical')} |")
    lines += [
        "",
        "## Adding",
        "",
        "| run | jobs | articles | seconds | CPU seconds | articles/s | size on disk | per article | peak memory |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for k, a in enumerate(adds, 1):
        lines.append(
            f"| {k} | {a.get('jobs', 1)} | {a['articles']:,} | {a['seconds']:.1f} | {a.get('cpu_seconds', float('nan')):.1f} | "
            f"{a['articles'] / a['seconds']:,.0f} | {a['bytes'] / 1e6:,.1f} MB | {a['bytes'] / a['articles']:,.0f} B | "
            f"{a['peak_mb']:,.0f} MiB |"
        )
    batch_seconds = [seconds for _, seconds in adds[-1].get("per_batch", [])]
    if batch_seconds:
        ordered = sorted(batch_seconds)
        lines += ["", f"Seconds per batch (last run, {len(ordered)} batches): median {_med(ordered):.1f}, "
                  f"fastest {ordered[0]:.1f}, slowest {', '.join(f'{x:.1f}' for x in ordered[-2:])} "
                  "(the slowest are the adds that merged segments); in order: "
                  + ", ".join(f"{x:.1f}" for x in batch_seconds) + "."]
    tables = adds[-1].get("tables") or {}
    if tables:
        total = sum(tables.values())
        lines += ["", "Where the bytes go (SQLite `dbstat`, last run):", "", "| table or index | MB | share |", "|---|---|---|"]
        for name, size in sorted(tables.items(), key=lambda kv: -kv[1]):
            if size / total >= 0.001:
                lines.append(f"| {name} | {size / 1e6:,.1f} | {size / total:.1%} |")
    lines += ["", "## Checking", "", "| run | wall s | process s | peak memory | pairs |", "|---|---|---|---|---|"]
    for k, c in enumerate(checks, 1):
        lines.append(f"| {k}{' (page cache dropped)' if c.get('cold') else ''} | {c['seconds']:.2f} | {c['process_seconds']:.2f} | {c['peak_mb']:,.0f} MiB | {len(c['pairs']):,} |")
    stages = {}
    for c in checks:
        for name, seconds in c["timings"]:
            stages.setdefault(name, []).append(seconds)
    lines += ["", "Check stages (medians): " + ", ".join(f"{n} {_med(v):.2f} s" for n, v in stages.items()) + "."]
    lines += ["", "Recall of the planted passages with a new article on either side (pair reported / a passage covering "
              f">= {OVERLAP:.0%} of the planted span):", "", "| kind | plants | pair recall | passage recall |", "|---|---|---|---|"]
    for kind in KINDS:
        lines.append(f"| {kind} | {recall['total'][kind]} | {recall['pair_recall'][kind]:.3f} | {recall['recall'][kind]:.3f} |")
    if scans:
        lines += ["", "## Without an index", "", f"`reuse scan` over all {n_index + n_new:,} articles (the baseline: "
                  "what checking the new batch costs without an index):", "", "| run | wall s | peak memory |", "|---|---|---|"]
        for k, s in enumerate(scans, 1):
            lines.append(f"| {k} | {s['seconds']:.1f} | {s['peak_mb']:,.0f} MiB |")
        lines += ["", f"Check against the index: {check_s:.1f} s; scan of the union: {_med([s['seconds'] for s in scans]):.1f} s."]
    unscanned = [] if scans else [
        "This run skipped the baseline scan of the union (`--scan-runs 0`), so it does not compare the check's "
        "pairs with a scan's; `tests/test_index.py` does, on a generated corpus, and a run with "
        "`--scan-runs 1` adds the comparison to this table."
    ]
    lines += ["", "## Notes", ""] + [f"- {note}" for note in NOTES + unscanned + [ctx["load"]]] + [""]
    return "\n".join(lines)


NOTES = [
    "Adding costs reading and sketching each article (the same work as `reuse scan`'s reading pass: "
    "tokenising, stemming and hashing), done in `jobs` worker "
    "processes (this benchmark passes every core, as `reuse index add` does by default; the workers also "
    "compress the text and pack the runs, and send back only the row stored), plus, in the adding process "
    "after the reading, writing its postings (timed on 2026-11-30 in a 5,000-article add with two jobs: "
    "reading about 2.1 s, then writing the postings about 1.1 s, counts and commit about 0.4 s, and for "
    "the adds that merge segments about 5 s more), "
    "one per distinct (channel, band, bucket) of its windows, about 32 bands x 2 channels x (words / 12) "
    "(about 2,850 for the generator's 700-word articles). Postings are written as one segment per add of "
    "5,000 articles: sorted packed numpy arrays in at most 4,096 BLOB rows (`reuse/index/postings.py`), "
    "4 bytes a posting (a 24-bit key suffix under a 12-bit row prefix, stored as its low 8 bits and the "
    "gap between its high 16 bits in one byte; a 16-bit article offset).",
    "Segments are merged four of one size class (a power of four of postings) at a time, as log-structured "
    "stores do, so each posting is rewritten about log4(index / batch) times in all instead of at every "
    "compaction; a merged segment spans fewer than 65,536 articles (16-bit offsets), so 100,000 articles "
    "in batches of 5,000 end as 5 segments of 20,000, each written once more by the add that merged it "
    "(the slow batches above). The pages a merge frees are given back to the system after the add commits "
    "(`auto_vacuum = INCREMENTAL`).",
    "Where an article's bytes go: its postings (about 2,850 at 4 bytes); its row: metadata and text in one "
    "zlib stream with a dictionary of the index's most frequent words (about 1.9 KB for 4.4 KB of text), "
    "its three-word runs cut to 24 bits (about 2.2 bytes a run, 1.6 KB; cut runs can only share more, so "
    "the pairs they drop are dropped by the exact runs too, and the pairs kept are checked again on the "
    "exact runs of the articles re-read), a 32-byte SHA-256; and the slack of SQLite's 4 KB pages around "
    "rows of 2-4 KB. With 44-bit keys (format 3) a posting took 5 bytes and an article 18.3 KB; a key of "
    "36 bits fits a posting in 4 bytes (its information content at 44 bits is about 34 bits, which only an "
    "entropy code reaches: an Elias-Fano form of the keys took 13-15 ns a key to decode in numpy, some 4 s "
    "more for the 285 million postings a 1,000-article check reads at 100,000).",
    "The check's time is reading and sketching the new batch, one pass over the postings rows of the 12-bit "
    "prefixes its keys touch (a 1,000-article batch touches all of them: each row's keys are decoded with "
    "one cumulative sum and its 2.8 million keys binary-searched in them), keeping the candidate pairs that share enough three-word runs "
    "(as the scan does; the stored articles' cut runs are read from the index), re-reading the stored articles "
    "of the pairs kept, and aligning. Band keys are cut to 36 bits: a stored "
    "key equals an asked one by chance about (postings / 2^36) times per key asked, some 12,000 false bucket "
    "hits for 1,000 new articles against 100,000. Such a hit mostly adds a candidate pair, which the "
    "three-word-run check or the alignment then drops: in the verbatim channel (one band hit makes a "
    "candidate) 10,102 candidate pairs against 2,453 with 44-bit keys, all but the same 938 dropped by the "
    "cut runs of the stored articles, read for each; that reading is the price of the smaller postings "
    "(it grows with the index, as the pass over its postings does). Rarely, a hit pushes a bucket over "
    "the banality limit (200 articles), and that bucket then makes no pair.",
    "Peak memory is the child process's own peak resident size (`VmHWM`; `ru_maxrss` on Linux would include the peak of the benchmark process that started it); the operating system's file cache is not counted.",
]


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
    parser.add_argument("--jobs", type=int, default=None, help="processes an add reads in (default: every core, as `reuse index add`)")
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
            checks.append(_run("check", work, timeout))
            checks[-1]["score"] = score(checks[-1]["pairs"], truth, new)
            print(f"check run {k + 1}: {checks[-1]['seconds']:.2f} s", file=sys.stderr)
        if k < args.scan_runs:
            scans.append(_run("scan", work, timeout))
            print(f"scan run {k + 1}: {scans[-1]['seconds']:.1f} s", file=sys.stderr)
    for k in range(args.cold_runs):
        if not _drop_page_cache():
            print("cannot drop the page cache (needs Linux and root): no cold check runs", file=sys.stderr)
            break
        checks.append(_run("check", work, timeout))
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
