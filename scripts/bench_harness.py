"""The timing harness of ``scripts/bench.py``: child processes and their measurement.

The children (one tool on one corpus in a fresh process, results to a JSON
file: :func:`_child_reuse`, :func:`_child_baseline`, :func:`_run_child`), and
the parent's side: a copy of the code every run imports
(:func:`snapshot_code`), running one child while sampling its process tree's
memory and the load average (:func:`run_tool`, :class:`Run`), and the record
of all runs (:func:`_dump_runs`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from procstatus import status_kb

__all__ = ["TOOLS", "Run", "run_tool", "snapshot_code"]

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

TOOLS = ("reuse", "baseline")
# The scripts a child imports, copied into the code snapshot with ``reuse``.
SNAPSHOT_SCRIPTS = ("bench.py", "bench_harness.py", "bench_score.py", "bench_report.py",
                    "corpus_gen.py", "corpus_text.py", "corpus_plant.py", "procstatus.py")


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
            "relation": getattr(p.direction.relation, "value", str(p.direction.relation)),
            "source": Path(p.direction.source).name if p.direction.source else None,
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
    for name in SNAPSHOT_SCRIPTS:
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
# The record of the runs


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
# The load average while the children run


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
