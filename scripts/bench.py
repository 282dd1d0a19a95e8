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
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_gen import Truth, generate_corpus  # noqa: E402
from procstatus import status_kb  # noqa: E402

TOOLS = ("reuse", "baseline")
KINDS = ("verbatim", "light", "partial")

# The targets.
TARGET_RATE = 1500.0  # articles/s end to end, one process
TARGET_SPEEDUP = 5.0  # times the baseline
TARGET_RECALL = {"verbatim": 0.98, "light": 0.90}
TARGET_MB = 1000.0  # "1 GB", read as 1,000 MiB (stricter than 1 GiB)
OVERLAP = 0.5  # a passage must cover this share of the planted target span


# ---------------------------------------------------------------------------
# Children: one tool, one corpus, results to a JSON file


def _child_reuse(folder: Path) -> dict:
    t0 = time.perf_counter()
    import reuse

    t1 = time.perf_counter()
    result = reuse.scan(folder)
    t2 = time.perf_counter()
    # Offsets index Article.text; map them onto the file text (the truth's
    # currency) in case the loader changed the text.
    by_id = {a.id: a for a in result.articles}
    shift: dict[str, int | None] = {}
    for art_id in {x for p in result.pairs for x in (p.a, p.b)}:
        art = by_id[art_id]
        raw = (folder / (art.path or art_id)).read_text(encoding="utf-8")
        if raw != art.text:
            k = raw.find(art.text)
            shift[art_id] = k if k >= 0 else None
    pairs = []
    for p in result.pairs:
        sa, sb = shift.get(p.a, 0), shift.get(p.b, 0)
        pairs.append({
            "a": Path(p.a).name,
            "b": Path(p.b).name,
            "kind": str(p.kind),
            "unmapped": sa is None or sb is None,
            "passages": [
                [x.a_start + (sa or 0), x.a_end + (sa or 0), x.b_start + (sb or 0), x.b_end + (sb or 0), str(x.kind)]
                for x in p.passages
            ],
        })
    return {
        "import_s": t1 - t0,
        "scan_s": t2 - t1,
        "articles": len(result.articles),
        "skipped": len(result.skipped),
        "stages": [list(t) for t in result.timings],
        "fingerprint": result.config_fingerprint,
        "version": getattr(reuse, "__version__", "?"),
        "module": str(Path(reuse.__file__).parent),
        "text_changed": sum(1 for v in shift.values() if v is not None),
        "text_unmapped": sum(1 for v in shift.values() if v is None),
        "pairs": pairs,
    }


def _child_baseline(folder: Path) -> dict:
    t0 = time.perf_counter()
    from datasketch import MinHash, MinHashLSH

    t1 = time.perf_counter()
    minhashes = {}
    for path in sorted(folder.rglob("*.txt")):
        words = path.read_text(encoding="utf-8").lower().split()
        shingles = {" ".join(words[i : i + 5]) for i in range(len(words) - 4)}
        m = MinHash(num_perm=128)
        for sh in shingles:
            m.update(sh.encode("utf8"))
        minhashes[path.name] = m
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for key, m in minhashes.items():
        lsh.insert(key, m)
    found = set()
    for key, m in minhashes.items():
        for other in lsh.query(m):
            if other != key:
                found.add(tuple(sorted((key, other))))
    t2 = time.perf_counter()
    return {
        "import_s": t1 - t0,
        "scan_s": t2 - t1,
        "articles": len(minhashes),
        "pairs": [{"a": a, "b": b, "kind": "", "unmapped": False, "passages": []} for a, b in sorted(found)],
    }


def _run_child(tool: str, folder: str, result_path: str) -> int:
    out = (_child_reuse if tool == "reuse" else _child_baseline)(Path(folder))
    out["tool"] = tool
    out["own_peak_kb"] = status_kb("VmHWM")  # its own peak: see procstatus
    Path(result_path).write_text(json.dumps(out), encoding="utf-8")
    return 0


# ---------------------------------------------------------------------------
# The parent: run children, measure them


@dataclass
class Run:
    tool: str
    ok: bool
    error: str = ""
    process_s: float = 0.0
    cpu_s: float = 0.0
    peak_mb: float = 0.0
    processes: int = 1
    data: dict = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        """End to end: import plus scan (loading included), without interpreter start-up."""
        return self.data["import_s"] + self.data["scan_s"]


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return out


def _rss_kb(pid: int) -> int:
    return status_kb("VmRSS", pid) or 0


def snapshot_code(dest: Path) -> str:
    """Copy the ``reuse`` package and these scripts to ``dest``; return a hash of the copy.

    Every child imports the copy, so all runs time the same code even while
    the working tree is being edited.
    """
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(REPO / "reuse", dest / "reuse", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("bench.py", "corpus_gen.py", "procstatus.py"):
        shutil.copy2(HERE / name, dest / name)
    digest = hashlib.sha256()
    for path in sorted((dest / "reuse").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(dest)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def run_tool(tool: str, folder: Path, result_path: Path, timeout: float, code: Path) -> Run:
    """Run one tool in a fresh child importing ``code``; wall, CPU and peak memory of that child."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(code)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    cmd = [sys.executable, str(code / "bench.py"), "--child", tool, "--folder", str(folder),
           "--result", str(result_path)]
    err_path = result_path.with_suffix(".stderr")
    if result_path.exists():
        result_path.unlink()
    start = time.perf_counter()
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=str(code), env=env)
        tree_peak_kb, processes, status, usage, timed_out = 0, 1, 0, None, False
        while True:
            # wait4 gives this child's own rusage (ru_maxrss of the child and
            # of any of its workers it waited for), RUSAGE_CHILDREN would mix runs.
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            tree = _tree(proc.pid)
            processes = max(processes, len(tree))
            tree_peak_kb = max(tree_peak_kb, sum(_rss_kb(p) for p in tree))
            _note_load()
            if time.perf_counter() - start > timeout and not timed_out:
                timed_out = True
                proc.kill()
            time.sleep(0.1)
        proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    run = Run(
        tool=tool,
        ok=proc.returncode == 0 and result_path.exists() and not timed_out,
        process_s=elapsed,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mb=0.0,
        processes=processes,
    )
    if run.ok:
        run.data = json.loads(result_path.read_text(encoding="utf-8"))
    # The child's own peak where it can tell it (workers it waited for count in the sampled tree), else wait4's.
    own = run.data.get("own_peak_kb") if run.ok else None
    run.peak_mb = max(own if own is not None else usage.ru_maxrss, tree_peak_kb) / 1024
    if not run.ok:
        tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-12:]
        reason = f"timed out after {timeout:.0f} s" if timed_out else f"exit code {proc.returncode}"
        if tail and not timed_out:
            reason += f": {tail[-1].strip()}"  # the exception line of the child's traceback
        run.error = reason + ("\n" + "\n".join(tail) if tail else "")
    return run


# ---------------------------------------------------------------------------
# Scoring


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(data: dict, truth: Truth, passages: bool) -> dict:
    """Recall per kind and pair precision of one run's pairs against the truth.

    With ``passages`` a plant counts as found when a reported pair joins its
    source and target and one passage covers at least half of the planted
    span on the target side; without, when the pair is reported.
    """
    pairs = {}
    for p in data["pairs"]:
        pairs[frozenset((p["a"], p["b"]))] = p
    real = truth.reuse_pairs()
    planted = truth.planted_pairs()
    found = {k: 0 for k in KINDS}
    found_whole = 0
    pair_found = {k: 0 for k in KINDS}
    total = {k: 0 for k in KINDS}
    total_whole = 0
    cover, excess, source_ok = [], [], 0
    kind_table: dict[tuple[str, str], int] = {}
    for plant in truth.plants:
        total[plant.kind] += 1
        total_whole += plant.whole
        pair = pairs.get(frozenset((plant.source, plant.target)))
        if pair is None:
            continue
        pair_found[plant.kind] += 1
        if not passages:
            found[plant.kind] += 1
            found_whole += plant.whole
            continue
        t_side = 0 if pair["a"] == plant.target else 2
        s_side = 2 - t_side
        span = plant.target_span
        best, best_ov = None, 0
        for x in pair["passages"]:
            ov = _overlap((x[t_side], x[t_side + 1]), span)
            if ov > best_ov:
                best, best_ov = x, ov
        if best is not None and best_ov >= OVERLAP * (span[1] - span[0]):
            found[plant.kind] += 1
            found_whole += plant.whole
            cover.append(best_ov / (span[1] - span[0]))
            length = best[t_side + 1] - best[t_side]
            excess.append((length - best_ov) / length if length else 0.0)
            s_span = plant.source_span
            source_ok += _overlap((best[s_side], best[s_side + 1]), s_span) >= OVERLAP * (s_span[1] - s_span[0])
            key = (plant.kind, best[4])
            kind_table[key] = kind_table.get(key, 0) + 1
    reported = set(pairs)
    false_pairs = reported - real
    by_kind: dict[str, list[int]] = {}
    for key, p in pairs.items():
        by_kind.setdefault(p["kind"] or "(pair)", [0, 0])[key not in real] += 1
    same_topic = sum(1 for fp in false_pairs if len({truth.topics.get(x) for x in fp}) == 1)
    n_found = sum(found.values())
    return {
        "recall": {k: found[k] / total[k] if total[k] else float("nan") for k in KINDS},
        "recall_whole": found_whole / total_whole if total_whole else float("nan"),
        "pair_recall": {k: pair_found[k] / total[k] if total[k] else float("nan") for k in KINDS},
        "total": total,
        "total_whole": total_whole,
        "reported": len(reported),
        "true_pairs": len(reported & real),
        "planted_found": len(reported & planted),
        "precision": len(reported & real) / len(reported) if reported else float("nan"),
        "false_pairs": len(false_pairs),
        "false_same_topic": same_topic,
        "false_examples": sorted(tuple(sorted(fp)) for fp in false_pairs)[:5],
        "cover": statistics.mean(cover) if cover else float("nan"),
        "excess": statistics.mean(excess) if excess else float("nan"),
        "source_ok": source_ok / n_found if n_found else float("nan"),
        "kinds": {f"{a} -> {b}": n for (a, b), n in sorted(kind_table.items())},
        "unmapped": sum(1 for p in data["pairs"] if p.get("unmapped")),
        "by_kind": dict(sorted(by_kind.items())),
    }


def _median_score(per_run: list[dict]) -> dict:
    """The last run's score, with recall and precision replaced by their medians over runs."""
    out = dict(per_run[-1])
    out["recall"] = {k: _med([s["recall"][k] for s in per_run]) for k in KINDS}
    out["recall_whole"] = _med([s["recall_whole"] for s in per_run])
    out["precision"] = _med([s["precision"] for s in per_run])
    out["per_run"] = [(s["recall"], s["precision"], s["reported"]) for s in per_run]
    return out


def _dump_runs(path: Path, runs: dict[str, list[Run]], code_hash: str) -> None:
    rows = [
        {
            "tool": r.tool, "ok": r.ok, "error": r.error, "seconds": r.seconds if r.ok else None,
            "process_s": r.process_s, "cpu_s": r.cpu_s, "peak_mb": r.peak_mb, "processes": r.processes,
            "pairs": len(r.data.get("pairs", [])), "stages": r.data.get("stages"),
        }
        for rs in runs.values() for r in rs
    ]
    path.write_text(json.dumps({"code_hash": code_hash, "runs": rows}, indent=1), encoding="utf-8")


# ---------------------------------------------------------------------------
# Report


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("numpy", "datasketch"):
        try:
            out[name] = __import__(name).__version__
        except Exception as err:  # noqa: BLE001 - a report line, not a failure
            out[name] = f"unavailable ({type(err).__name__})"
    return out


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _fmt(x: float, digits: int = 3) -> str:
    return "n/a" if x != x else f"{x:.{digits}f}"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def render(ctx: dict) -> str:
    """The Markdown report."""
    n = ctx["n_articles"]
    truth: Truth = ctx["truth"]
    runs: dict[str, list[Run]] = ctx["runs"]
    scores: dict[str, dict] = ctx["scores"]
    ok_runs = {t: [r for r in rs if r.ok] for t, rs in runs.items()}
    sec = {t: _med([r.seconds for r in rs]) for t, rs in ok_runs.items()}
    rate = {t: n / s if s == s and s > 0 else float("nan") for t, s in sec.items()}
    peak = {t: _med([r.peak_mb for r in rs]) for t, rs in ok_runs.items()}
    speedup = sec.get("baseline", float("nan")) / sec.get("reuse", float("nan")) if "reuse" in sec and "baseline" in sec else float("nan")
    lines = []
    add = lines.append
    add("# Benchmark: `reuse scan` against the straightforward datasketch recipe")
    add("")
    add(f"- Date: {ctx['date']}")
    add(f"- Command: `{ctx['command']}`")
    add(f"- Machine: {os.cpu_count()} cores ({_cpu_model()}), {platform.system()} {platform.release()}; "
        f"load average {ctx['load_before']} before, {ctx['load_after']} after")
    v = ctx["versions"]
    add(f"- Python {v['python']}, numpy {v['numpy']}, datasketch {v['datasketch']}"
        + (f", reuse {ctx['reuse_version']} (config {ctx['fingerprint']})" if ctx.get("reuse_version") else ""))
    add(f"- Code: every run imports one snapshot of the working tree's `reuse/` taken at the start "
        f"(sha256 {ctx['code_hash']}), so edits made while the benchmark runs do not mix in")
    kinds = {k: sum(1 for p in truth.plants if p.kind == k) for k in KINDS}
    whole = sum(1 for p in truth.plants if p.whole)
    add(f"- Corpus: {n:,} articles, {truth.words:,} words, seed {truth.seed}, generated in "
        f"{ctx['gen_s']:.1f} s by `scripts/corpus_gen.py`; planted passages: {kinds['verbatim']} verbatim "
        f"({whole} of them whole articles), {kinds['light']} light, {kinds['partial']} partial; "
        f"{len(truth.implied_pairs)} implied sibling pairs")
    add(f"- Runs: {ctx['n_runs']} per tool, interleaved, each in a fresh child process; medians reported")
    if ctx["quick"]:
        add(f"- **Quick run ({n:,} articles, {ctx['n_runs']} run): a smoke test, not the issue's "
            "10,000-article benchmark.**")
    add("")

    add("## Targets")
    add("")
    add("| target | measured | verdict |")
    add("|---|---|---|")
    r_ok = bool(ok_runs.get("reuse"))
    b_ok = bool(ok_runs.get("baseline"))
    failed = "reuse.scan failed (see Failures)"
    if "reuse" in runs:
        rec = scores.get("reuse", {}).get("recall", {})
        add(f"| >= {TARGET_RATE:,.0f} articles/s end to end | "
            + (f"{_fmt(rate['reuse'], 0)} articles/s" if r_ok else failed)
            + f" | {_verdict(r_ok and rate['reuse'] >= TARGET_RATE)} |")
        if b_ok or not r_ok:
            add(f"| >= {TARGET_SPEEDUP:.0f}x the straightforward recipe | "
                + (f"{_fmt(speedup, 1)}x" if r_ok else failed)
                + f" | {_verdict(r_ok and speedup >= TARGET_SPEEDUP)} |")
        else:
            add(f"| >= {TARGET_SPEEDUP:.0f}x the straightforward recipe | baseline not measured | n/a |")
        for k, target in TARGET_RECALL.items():
            got = rec.get(k, float("nan"))
            add(f"| recall {k} >= {target:.2f} | {_fmt(got) if r_ok else failed} | {_verdict(r_ok and got >= target)} |")
        add(f"| peak memory <= {TARGET_MB:,.0f} MiB | "
            + (f"{_fmt(peak['reuse'], 0)} MiB" if r_ok else failed)
            + f" | {_verdict(r_ok and peak['reuse'] <= TARGET_MB)} |")
    else:
        add("| all | reuse not run (`--only baseline`) | n/a |")
    if ctx["load_max"] > 0.75 * (os.cpu_count() or 1):
        add("")
        add(f"The machine was busy during the runs (load average up to {ctx['load_max']:.2f} on "
            f"{os.cpu_count()} cores): see the note under the speed table.")
    add("")

    add("## Speed and memory (medians)")
    add("")
    add("| tool | seconds (import + scan) | articles/s | process wall s | CPU s | articles per CPU s | peak MiB | processes | runs (s) |")
    add("|---|---|---|---|---|---|---|---|---|")
    for tool in TOOLS:
        if tool not in runs:
            continue
        rs = ok_runs[tool]
        if not rs:
            add(f"| {tool} | failed | | | | | | | |")
            continue
        add(f"| {tool} | {_fmt(sec[tool], 2)} | {_fmt(rate[tool], 0)} | {_fmt(_med([r.process_s for r in rs]), 2)} | "
            f"{_fmt(_med([r.cpu_s for r in rs]), 2)} | {_fmt(n / _med([r.cpu_s for r in rs]), 0)} | "
            f"{_fmt(peak[tool], 0)} | {max(r.processes for r in rs)} | "
            f"{', '.join(f'{r.seconds:.2f}' for r in rs)} |")
    if r_ok and b_ok:
        add("")
        cpu = {t: _med([r.cpu_s for r in ok_runs[t]]) for t in ("reuse", "baseline")}
        add(f"Speed ratio (baseline seconds / reuse seconds): **{_fmt(speedup, 1)}x** "
            f"(by CPU seconds: {_fmt(cpu['baseline'] / cpu['reuse'], 1)}x).")
    add("")
    add("Seconds run from just before the tool's `import` to the result in memory: loading the files is "
        "included; interpreter start-up and writing the child's result file are not (the process wall "
        "column includes them). CPU is user + system time of the child and any workers it waited for. "
        "Peak memory is the larger of the child's own peak (`VmHWM`, read by the child as it ends; not "
        "`ru_maxrss` from `wait4`, which on Linux keeps the peak of the benchmark process the child was "
        "forked from) and the summed RSS of its process tree sampled every 100 ms.")
    busy = max(ctx["load_max"], 0.0)
    if busy > 0.75 * (os.cpu_count() or 1):
        add("")
        add(f"**The machine was busy** (load average up to {busy:.2f} on {os.cpu_count()} cores while the "
            "benchmark ran, other work included): wall seconds are inflated for both tools alike, CPU seconds "
            "much less. Rerun on an idle machine before judging the speed targets.")
    add("")

    add("## Recall and precision")
    add("")
    if not scores:
        add("No tool produced results to score.")
    add("| planted kind | planted | " + " | ".join(t for t in TOOLS if t in scores) + " |")
    add("|---|---|" + "---|" * sum(1 for t in TOOLS if t in scores))
    any_score = next(iter(scores.values()), None)
    if not any_score:
        lines.pop()
        lines.pop()
    if any_score:
        for k in KINDS:
            add(f"| {k} | {any_score['total'][k]} | "
                + " | ".join(_fmt(scores[t]["recall"][k]) for t in TOOLS if t in scores) + " |")
        add(f"| (verbatim, whole article) | {any_score['total_whole']} | "
            + " | ".join(_fmt(scores[t]["recall_whole"]) for t in TOOLS if t in scores) + " |")
        add("| pair precision | | " + " | ".join(
            f"{_fmt(scores[t]['precision'])} ({scores[t]['true_pairs']}/{scores[t]['reported']})"
            for t in TOOLS if t in scores) + " |")
    add("")
    add(f"- `reuse`: a planted passage counts as found when a reported pair joins its source and target "
        f"(either order) and one passage overlaps the planted span on the target side by at least "
        f"{OVERLAP:.0%} of the planted span's length.")
    add("- baseline: it reports documents, not passages, so the generous rule applies: a planted passage "
        "counts as found when its pair is reported at all.")
    add("- Precision: the share of reported pairs that really share text: planted pairs plus the implied "
        "sibling pairs (two targets that copied overlapping spans of one source). The generator can in rare "
        "cases create other overlaps (a run of frequent words repeated by chance); those count against "
        "precision here.")
    if "reuse" in scores:
        s = scores["reuse"]
        add("")
        add("### `reuse` diagnostics")
        add("")
        add("- Pair found at all (any passage): " + ", ".join(
            f"{k} {_fmt(s['pair_recall'][k])}" for k in KINDS))
        add(f"- Found passages: mean share of the planted target span covered {_fmt(s['cover'])}, mean share of "
            f"the reported passage outside it {_fmt(s['excess'])}; source side also covered >= {OVERLAP:.0%} "
            f"in {_fmt(s['source_ok'])} of them")
        add("- Planted kind -> kind of the best passage: " + (", ".join(f"{k}: {n}" for k, n in s["kinds"].items()) or "none"))
        add("- Reported pairs by their kind, true / false: " + ", ".join(
            f"{k} {t} / {f}" for k, (t, f) in s["by_kind"].items()))
        add(f"- False pairs: {s['false_pairs']} ({s['false_same_topic']} within one topic)"
            + (f"; e.g. {', '.join(' & '.join(p) for p in s['false_examples'])}" if s["false_examples"] else ""))
        if s["unmapped"]:
            add(f"- {s['unmapped']} pairs had article text that could not be mapped back onto the file text")
        stages = ctx.get("stages")
        if stages:
            add("- Stage seconds (median): " + ", ".join(f"{name} {sec_:.2f}" for name, sec_ in stages))
    if "baseline" in scores:
        s = scores["baseline"]
        add(f"- baseline false pairs: {s['false_pairs']} ({s['false_same_topic']} within one topic)")
    failures = [r for rs in runs.values() for r in rs if not r.ok]
    if failures:
        add("")
        add("## Failures")
        add("")
        for r in failures:
            add(f"- `{r.tool}`: " + r.error.splitlines()[0])
            rest = r.error.splitlines()[1:]
            if rest:
                add("")
                add("```")
                lines.extend(rest)
                add("```")
    add("")
    add("## Reproduce")
    add("")
    add("```")
    add(ctx["command"])
    add("```")
    add("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


_LOAD_SEEN = [0.0]


def _note_load() -> None:
    try:
        _LOAD_SEEN[0] = max(_LOAD_SEEN[0], os.getloadavg()[0])
    except OSError:
        pass


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
