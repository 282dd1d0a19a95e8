#!/usr/bin/env python
"""Measure ``reuse`` on the labelled corpora; write reports/evaluation.md and .json.

Corpora (see ../shared/corpora/README.md, which defines how each is scored):

* ``cs``    Clough and Stevenson's Wikipedia rewrite corpus: links, kinds,
            direction, and the sibling test (sources removed).
* ``ose``   OneStopEnglish: three reading levels of one story; links,
            clustering (adjusted Rand index), kinds, direction adv -> int.
* ``msrp``  Microsoft Research Paraphrase Corpus: the threshold of
            ``reuse.align.sentence_similarity`` fitted on train, scored on test.
* ``times`` Direction with publication times consistent with the truth
            (Clough-Stevenson and OneStopEnglish), with reliability tables.

Example::

    cd /work/main && /tmp/venv/bin/python scripts/evaluate.py --only cs,msrp

Exit codes: 0 every selected section ran (targets may still FAIL: read the
report); 1 a section crashed (its error is in the report); 2 the corpora are
missing or an argument is wrong.

The corpora are read in place and never copied into the repository.

The code is split by section: ``eval_cs.py``, ``eval_ose.py``,
``eval_msrp.py`` and ``eval_times.py`` each measure one corpus;
``eval_common.py`` holds what they share (corpus paths, the report's
``Section``, tables, pair readers). This file parses the options, runs the
sections and writes the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import shlex
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from eval_common import (
    CS_FILES,
    CS_LABELS,
    MSRP_TEST,
    MSRP_TRAIN,
    OSE_DIR,
    OSE_LEVELS,
    REPO,
    SEED,
    Context,
    Section,
    fmt,
    log,
    md_table,
)
from eval_cs import evaluate_cs
from eval_msrp import evaluate_msrp
from eval_ose import evaluate_ose
from eval_times import evaluate_times

SCHEMA_VERSION = 1
DEFAULT_CORPORA = "../shared/corpora"
DEFAULT_OUT = "reports/evaluation.md"
SECTIONS = ("cs", "ose", "msrp", "times")

#: What each section needs under --corpora.
REQUIRED = {
    "cs": (CS_FILES, CS_LABELS),
    "ose": tuple(f"{OSE_DIR}/{folder}" for _, folder in OSE_LEVELS),
    "msrp": (MSRP_TRAIN, MSRP_TEST),
    "times": (CS_FILES, CS_LABELS) + tuple(f"{OSE_DIR}/{folder}" for _, folder in OSE_LEVELS),
}

CITATIONS = {
    "cs": 'Clough, P. and Stevenson, M. "Developing a corpus of plagiarised short answers". '
    "Language Resources and Evaluation 45(1), 2011.",
    "ose": 'Vajjala, S. and Lucic, I. "OneStopEnglish corpus: A new corpus for automatic readability '
    'assessment and text simplification". BEA workshop, 2018. Licence CC BY-SA 4.0.',
    "msrp": "Dolan, W. B. and Brockett, C. \"Automatically constructing a corpus of sentential paraphrases\". "
    "IWP 2005 (Microsoft Research Paraphrase Corpus).",
}

# --- the report -------------------------------------------------------------------------------

RUNNERS: dict[str, tuple[str, Callable[[Context, Section], None]]] = {
    "cs": ("Clough-Stevenson: Wikipedia rewrites", evaluate_cs),
    "ose": ("OneStopEnglish: one story at three reading levels", evaluate_ose),
    "msrp": ("MSRP: sentence paraphrase threshold", evaluate_msrp),
    "times": ("Direction with publication times", evaluate_times),
}


def git_commit() -> str | None:
    """The checked-out commit, if any (read-only)."""
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.strip() or None


def meta_info(argv: Sequence[str], corpora: Path) -> dict:
    info = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": git_commit(),
        "corpora": str(corpora),
        "command": " ".join(["python scripts/evaluate.py", *(shlex.quote(a) for a in argv)]),
        "seed": SEED,
    }
    try:
        import reuse

        info["reuse_version"] = getattr(reuse, "__version__", None)
        where = getattr(reuse, "__file__", None)
        info["reuse_path"] = str(Path(where).resolve().parent) if where else None
        info["config_fingerprint"] = reuse.ScanConfig().fingerprint()
        info["config"] = reuse.ScanConfig().to_dict()
    except Exception as exc:  # the library is being written: report, do not die
        info["reuse_error"] = f"{type(exc).__name__}: {exc}"
    return info


def render_markdown(meta: dict, sections: Sequence[Section], out: Path) -> str:
    targets = [t for s in sections for t in s.targets]
    lines = ["# Evaluation of `reuse` on labelled corpora", ""]
    lines += [
        f"- Date: {meta['date']}",
        f"- reuse version: {meta.get('reuse_version', '–')} (from `{meta.get('reuse_path', '?')}`), git commit: {meta.get('git_commit') or 'none'}",
        f"- Config fingerprint (default `ScanConfig`): `{meta.get('config_fingerprint', '–')}`",
        f"- Python {meta['python']} on {meta['platform']}; random seed {meta['seed']}",
        f"- Machine-readable figures: `{out.with_suffix('.json').name}`",
        "",
    ]
    if "reuse_error" in meta:
        lines += [f"**reuse could not be imported:** `{meta['reuse_error']}`", ""]
    passed = sum(t.passed for t in targets)
    lines += ["## Summary", "", f"{passed} of {len(targets)} targets pass.", ""]
    lines += md_table(["corpus", "target", "value", "goal", "verdict"],
                      [(t.section, t.name, t.value, f"{t.op} {fmt(t.goal)}", f"**{t.verdict}**") for t in targets])
    for sec in sections:
        lines += [f"## {sec.title}", ""]
        if sec.error:
            lines += [f"**This section crashed** after {sec.seconds:.1f}s; its targets are not met.", "", "```", sec.error.rstrip(), "```", ""]
            continue
        lines += sec.lines
        lines += [f"_Section time: {sec.seconds:.1f}s._", ""]
    lines += ["## Reproduce", "", "```sh", "cd /work/main", f"/tmp/venv/bin/{meta['command']}",
              "/tmp/venv/bin/python -m pytest tests/test_metrics.py", "```", "",
              "The corpora are read in place from `--corpora` (default `../shared/corpora` relative to the repository "
              "root) and never copied into the repository; scoring follows `corpora/README.md`.", ""]
    lines += ["## Citations", ""]
    lines += [f"- {CITATIONS[k]}" for k in ("cs", "ose", "msrp")]
    return "\n".join(lines).rstrip() + "\n"


def to_jsonable(value):
    """Figures as JSON: tuples to lists, floats rounded, enum values as strings."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    return getattr(value, "value", str(value))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="evaluate.py",
        description="Measure reuse on the labelled corpora and write a Markdown and a JSON report.",
        epilog="Example: /tmp/venv/bin/python scripts/evaluate.py --only cs,msrp\n"
        "Exit codes: 0 ran (targets may FAIL), 1 a section crashed, 2 corpora missing or bad arguments.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpora", default=None,
                        help=f"folder holding the corpora (default: {DEFAULT_CORPORA} relative to the repository root, {REPO})")
    parser.add_argument("--out", default=None,
                        help=f"Markdown report to write; the JSON goes next to it (default: {DEFAULT_OUT} in the repository)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections to run, of {','.join(SECTIONS)} (default: all)")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown or not chosen:
        parser.error(f"--only: unknown section(s) {unknown or '(none given)'}; choose from {','.join(SECTIONS)}")
    args.only = [s for s in SECTIONS if s in chosen]
    args.corpora = (REPO / DEFAULT_CORPORA).resolve() if args.corpora is None else Path(args.corpora).expanduser().resolve()
    args.out = REPO / DEFAULT_OUT if args.out is None else Path(args.out).expanduser().resolve()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    corpora: Path = args.corpora
    if not corpora.is_dir():
        print(f"evaluate.py: corpora folder not found: {corpora}\n"
              f"  expected {DEFAULT_CORPORA} relative to the repository root ({REPO}); pass --corpora PATH.", file=sys.stderr)
        return 2
    missing = {s: [r for r in REQUIRED[s] if not (corpora / r).exists()] for s in args.only}
    missing = {s: m for s, m in missing.items() if m}
    if missing:
        detail = "; ".join(f"{s} needs {', '.join(m)}" for s, m in missing.items())
        ok = [s for s in args.only if s not in missing]
        hint = f" Run the others with --only {','.join(ok)}." if ok else ""
        print(f"evaluate.py: corpora missing under {corpora}: {detail}.{hint}", file=sys.stderr)
        return 2

    meta = meta_info(argv, corpora)
    log(f"reuse {meta.get('reuse_version', '?')}, config {meta.get('config_fingerprint', '?')}; sections {','.join(args.only)}")
    ctx = Context(corpora)
    sections = []
    for key in args.only:
        title, runner = RUNNERS[key]
        sec = Section(key=key, title=title)
        start = time.perf_counter()
        log(f"== {title}")
        try:
            runner(ctx, sec)
        except Exception:  # one crashed section must not hide the others
            sec.error = traceback.format_exc()
            log(f"{key} crashed:\n{sec.error}")
            sec.target("section ran to the end", None, "==", 1)
        sec.seconds = time.perf_counter() - start
        for t in sec.targets:
            log(f"  {t.verdict}  {t.name}: {fmt(t.value)} (goal {t.op} {fmt(t.goal)})")
        sections.append(sec)

    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_markdown(meta, sections, out), encoding="utf-8")
    report = {
        "schema_version": SCHEMA_VERSION,
        **meta,
        "targets": [t.as_dict() for s in sections for t in s.targets],
        "sections": {s.key: {"title": s.title, "seconds": s.seconds, "error": s.error, "figures": s.figures} for s in sections},
        "citations": CITATIONS,
    }
    out.with_suffix(".json").write_text(json.dumps(to_jsonable(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    targets = [t for s in sections for t in s.targets]
    log(f"wrote {out} and {out.with_suffix('.json').name}: {sum(t.passed for t in targets)}/{len(targets)} targets pass")
    return 1 if any(s.error for s in sections) else 0


if __name__ == "__main__":
    sys.exit(main())
