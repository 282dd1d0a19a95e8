"""The Markdown report of ``scripts/bench.py``.

The issue's targets, the machine and versions, and :func:`render`, which
formats the finished runs and scores (speed and memory, recall and
precision, diagnostics, failures) into the report's text.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

from bench_harness import TOOLS, Run
from bench_score import KINDS, OVERLAP, _med
from corpus_gen import Truth

__all__ = ["TARGET_MB", "TARGET_RATE", "TARGET_RECALL", "TARGET_SPEEDUP", "render"]

# The targets.
TARGET_RATE = 1500.0  # articles/s end to end, one process
TARGET_SPEEDUP = 5.0  # times the baseline
TARGET_RECALL = {"verbatim": 0.98, "light": 0.90}
TARGET_MB = 1000.0  # "1 GB", read as 1,000 MiB (stricter than 1 GiB)


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
        if s.get("direction"):
            add("- Direction of the planted pairs found (no times here: text alone decides; whole: the target is the "
                "source, half of them with a paragraph of its own added after it; partial: a passage set among the "
                "target's own text): "
                + ", ".join(f"{k} {n}" for k, n in s["direction"].items()))
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
