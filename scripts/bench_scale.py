"""Time and memory of ``reuse scan`` as the corpus grows: ``--jobs 1``, ``--jobs 2`` and Dask, side by side.

For each size a corpus is generated once (``scripts/corpus_gen.py``, seed 7),
then each engine scans it in a fresh ``reuse scan FOLDER --json - -v``
process (the report to a file, no text summary), the engines interleaved in each round:

``jobs1``   ``--jobs 1``: one process
``jobs2``   ``--jobs 2``: a pool of two worker processes
``dask2``   ``--dask --jobs 2``: a Dask LocalCluster of two single-threaded workers

Wall time includes start-up and loading. Peak memory is measured two ways
over the scanning process and all its descendants: the largest sum of their
resident set sizes, sampled every 50 ms (forked workers share pages with
their parent and each counts them whole: an upper bound), and the largest
sum of their proportional set sizes, sampled every 0.5 s (a shared page
counts 1/n in each of its n processes: the memory really held, which the
target is checked against). The load average before each run is recorded:
the machine is shared. The JSON reports of the engines are
compared byte for byte.

Writes ``reports/benchmark-scale.md`` and ``reports/benchmark-scale.png``
(time and memory against articles). Needs ``pip install -e '.[dask]'``
(psutil comes with it).

Usage::

    python scripts/bench_scale.py                               # 10k, 30k, 100k; 3 rounds at 10k, 1 above
    python scripts/bench_scale.py --sizes 2000 --rounds 1 --out /tmp/scale.md
    python scripts/bench_scale.py --resume --runs 100000:jobs2 100000:jobs1   # more runs, kept with the earlier ones

Every run is kept in ``reports/benchmark-scale.json`` as soon as it ends, so
a long benchmark can be resumed or extended and an interrupted one still
leaves its table.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import filecmp
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from matplotlib.figure import Figure

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_gen import GENERATOR_VERSION, generate_corpus  # noqa: E402

ENGINES = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"], "dask2": ["--dask", "--jobs", "2"]}

# The targets.
TARGET_SECONDS_100K = 120.0
TARGET_PEAK_MB_100K = 3000.0
TARGET_SIZE = 100_000  # the size the time and memory targets are for
TARGET_SPEEDUP = 1.7
TARGET_DASK_RATIO = 1.3


@dataclass
class Run:
    size: int
    engine: str
    seconds: float
    peak_mb: float
    load: float  # 1-minute load average just before the run
    stages: dict[str, float]
    report: Path
    cpu_s: float = 0.0  # user + system CPU of the whole process tree (0: not recorded)
    pss_mb: float = 0.0  # peak summed proportional set size of the tree (0: not recorded)


def _pss_bytes(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n in each (Linux)."""
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


#: Seconds between samples of RSS, and of PSS (reading PSS walks every page of a
#: process: at 50 ms it took a quarter of a core from the run it measured).
RSS_EVERY, PSS_EVERY = 0.05, 0.5


def _peak_memory(proc: psutil.Process, stop: threading.Event, out: list[float]) -> None:
    """Peak summed RSS and peak summed PSS of ``proc`` and its children."""
    peak_rss = peak_pss = 0
    pss_ok = os.path.exists(f"/proc/{proc.pid}/smaps_rollup")
    next_pss = 0.0
    while not stop.is_set():
        try:
            procs = [proc, *proc.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        with_pss = pss_ok and time.monotonic() >= next_pss
        rss = pss = 0
        for p in procs:
            try:
                rss += p.memory_info().rss
                pss += _pss_bytes(p.pid) if with_pss else 0
            except (psutil.NoSuchProcess, FileNotFoundError, ProcessLookupError):
                pass
        peak_rss = max(peak_rss, rss)
        if with_pss:
            peak_pss = max(peak_pss, pss)
            next_pss = time.monotonic() + PSS_EVERY
        stop.wait(RSS_EVERY)
    out.extend((peak_rss / 2**20, peak_pss / 2**20))


def scan_once(folder: Path, size: int, engine: str, workdir: Path, round_no: int) -> Run:
    report = workdir / f"report-{size}-{engine}-{round_no}.json"
    # The JSON to stdout: the text summary (rendering every pair) is not what is measured.
    cmd = [sys.executable, "-m", "reuse", "scan", str(folder), "--json", "-", "-v", *ENGINES[engine]]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with report.open("wb") as stdout:
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=REPO)
    stop, peak = threading.Event(), []
    watcher = threading.Thread(target=_peak_memory, args=(psutil.Process(proc.pid), stop, peak))
    watcher.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    stages = {m.group(1): float(m.group(2)) for m in re.finditer(r"timing: (\w[\w ]*?) ([\d.]+) s", err)}
    rss, pss = peak if peak else (0.0, 0.0)
    return Run(size, engine, seconds, rss, load, stages, report, cpu, pss)


def corpus(size: int, workdir: Path) -> Path:
    out = workdir / f"c{size}"
    truth = out / "truth.json"
    if not truth.exists() or json.loads(truth.read_text(encoding="utf-8")).get("generator_version") != GENERATOR_VERSION:
        if out.exists():
            shutil.rmtree(out)  # made by another version of the generator
        generate_corpus(size, 7, out)
    return out / "articles"


def _median(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def _plot(sizes: list[int], by: dict[tuple[int, str], list[Run]], path: Path) -> None:
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    ax_t, ax_m = fig.subplots(1, 2)
    for engine, style in zip(ENGINES, ("o-", "s-", "^--")):
        xs = [n for n in sizes if (n, engine) in by]
        ax_t.plot(xs, [_median(by[n, engine], "seconds") for n in xs], style, label=engine)
        ax_m.plot(xs, [_median(by[n, engine], "pss_mb") for n in xs], style, label=engine)
    for ax, what in ((ax_t, "wall time (s)"), (ax_m, "peak memory, process tree PSS (MiB)")):
        ax.set_xlabel("articles")
        ax.set_ylabel(what)
        ax.set_xlim(left=0)
        ax.set_ylim(bottom=0)  # linear axes: near-linear growth shows as a straight line
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    ax_t.set_title("reuse scan: time")
    ax_m.set_title("reuse scan: peak memory")
    fig.savefig(path, dpi=110)


def write_report(sizes: list[int], by: dict[tuple[int, str], list[Run]], same: dict[int, bool], out: Path) -> None:
    lines = [
        "# Benchmark: scale (`scripts/bench_scale.py`)",
        "",
        f"Generated {_dt.datetime.now(_dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. The machine was shared with other "
        "jobs while this ran: the load average before each run is shown, and timings are noisy.",
        "",
        "Corpora from `scripts/corpus_gen.py` (seed 7, about 700 words an article, about 40% carrying a planted "
        "passage). Each cell: median over the rounds (rounds per size in the last column), wall time of a fresh "
        "`reuse scan FOLDER --json -` process (report to a file) including start-up, loading and writing the JSON. "
        "Memory: *peak RSS*, sampled every 50 ms, is the largest summed resident size of the process tree, an upper bound "
        "(forked workers share most of their pages with the parent and each counts them whole); *peak PSS* is the largest "
        "summed proportional set size, sampled every 0.5 s, where a page shared by n processes counts 1/n in each: the memory the tree really "
        "holds, and what the target is checked against. CPU s is the user + system time of "
        "the whole process tree (workers included), which the other jobs on the machine do not inflate much: "
        "with it, `CPU s / wall s` shows how many cores a run actually got.",
        "",
        "| articles | engine | wall s | articles/s | CPU s (tree) | peak RSS MiB | peak PSS MiB | load avg before | sketch s | candidates s | align s | rounds |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        for engine in ENGINES:
            runs = by.get((n, engine))
            if not runs:
                continue
            t = _median(runs, "seconds")
            stage = {s: statistics.median(r.stages.get(s, 0.0) for r in runs) for s in ("sketch", "candidates", "align")}
            cpus = [r.cpu_s for r in runs if r.cpu_s]
            cpu = f"{statistics.median(cpus):.0f}" if cpus else "-"
            lines.append(
                f"| {n:,} | {engine} | {t:.1f} | {n / t:,.0f} | {cpu} | {_median(runs, 'peak_mb'):,.0f} | {_median(runs, 'pss_mb'):,.0f} | "
                f"{', '.join(f'{r.load:.1f}' for r in runs)} | {stage['sketch']:.1f} | {stage['candidates']:.1f} | "
                f"{stage['align']:.1f} | {len(runs)} |"
            )
    lines += ["", "## Against the issue's targets", ""]
    for n in sizes:
        if (n, "jobs1") in by and (n, "jobs2") in by:
            speedup = _median(by[n, "jobs1"], "seconds") / _median(by[n, "jobs2"], "seconds")
            lines.append(f"- {n:,}: `--jobs 2` is {speedup:.2f}x `--jobs 1` (target >= {TARGET_SPEEDUP}x): "
                         f"{'PASS' if speedup >= TARGET_SPEEDUP else 'FAIL'}")
        if (n, "dask2") in by and (n, "jobs2") in by:
            ratio = _median(by[n, "dask2"], "seconds") / _median(by[n, "jobs2"], "seconds")
            lines.append(f"- {n:,}: Dask LocalCluster (2 workers) takes {ratio:.2f}x the time of `--jobs 2` "
                         f"(target <= {TARGET_DASK_RATIO}x): {'PASS' if ratio <= TARGET_DASK_RATIO else 'FAIL'}")
        if n in same:
            lines.append(f"- {n:,}: the JSON reports of every engine run identical byte for byte: {'yes' if same[n] else 'NO'}")
    big = TARGET_SIZE if TARGET_SIZE in sizes else max(sizes)
    if big >= TARGET_SIZE and (big, "jobs2") in by:
        t, mb = _median(by[big, "jobs2"], "seconds"), _median(by[big, "jobs2"], "pss_mb")
        lines.append(f"- {big:,} with `--jobs 2`: {t:.0f} s (target <= {TARGET_SECONDS_100K:.0f} s): "
                     f"{'PASS' if t <= TARGET_SECONDS_100K else 'FAIL'}; peak PSS {mb:,.0f} MiB (target <= {TARGET_PEAK_MB_100K:,.0f}): "
                     f"{'PASS' if mb <= TARGET_PEAK_MB_100K else 'FAIL'}")
    lines += ["", f"![time and memory against articles]({out.with_suffix('.png').name})", ""]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _save(runs: list[Run], path: Path) -> None:
    rows = [{**dataclasses.asdict(r), "report": str(r.report)} for r in runs]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


def _load(path: Path) -> list[Run]:
    if not path.exists():
        return []
    return [Run(**{**row, "report": Path(row["report"])}) for row in json.loads(path.read_text(encoding="utf-8"))]


def _same_reports(runs: list[Run]) -> bool | None:
    """Whether the reports still on disk of the runs of one size are byte for byte the same."""
    reports = [r.report for r in runs if r.report.exists()]
    if len({r.engine for r in runs if r.report.exists()}) < 2:
        return None
    return all(filecmp.cmp(reports[0], other, shallow=False) for other in reports[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3, help="rounds at the smallest size (1 above it)")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--runs", nargs="+", metavar="SIZE:ENGINE", help="run exactly these, in this order (instead of sizes x rounds x engines)")
    parser.add_argument("--resume", action="store_true", help="keep the runs already in the JSON next to --out")
    parser.add_argument("--report", action="store_true", help="run nothing: write the table and plot again from the JSON next to --out")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reuse-bench-scale"))
    parser.add_argument("--out", type=Path, default=REPO / "reports" / "benchmark-scale.md")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.runs:
        plan = [(int(size), engine) for size, engine in (item.split(":") for item in args.runs)]
    else:
        sizes = sorted(args.sizes)
        plan = [(n, e) for n in sizes for _ in range(args.rounds if n == sizes[0] else 1) for e in args.engines]
    runs = _load(args.out.with_suffix(".json")) if args.resume or args.report else []
    if args.report:
        plan = []
        _write(runs, args.out)
    for n, engine in plan:
        if engine not in ENGINES:
            raise SystemExit(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
        done = sum(1 for r in runs if (r.size, r.engine) == (n, engine))
        run = scan_once(corpus(n, args.workdir), n, engine, args.workdir, done)
        runs.append(run)
        print(f"{n:>7} {engine}: {run.seconds:.1f} s, peak RSS {run.peak_mb:,.0f} MiB, PSS {run.pss_mb:,.0f} MiB, load {run.load:.1f}, {run.stages}", flush=True)
        # After every run: an interrupted benchmark still leaves its table.
        _save(runs, args.out.with_suffix(".json"))
        _write(runs, args.out)
    return 0


def _write(runs: list[Run], out: Path) -> None:
    """The table and the plot of ``runs``."""
    by: dict[tuple[int, str], list[Run]] = {}
    for r in runs:
        by.setdefault((r.size, r.engine), []).append(r)
    sizes = sorted({r.size for r in runs})
    same = {m: v for m in sizes if (v := _same_reports([r for r in runs if r.size == m])) is not None}
    write_report(sizes, by, same, out)
    _plot(sizes, by, out.with_suffix(".png"))


if __name__ == "__main__":
    raise SystemExit(main())
