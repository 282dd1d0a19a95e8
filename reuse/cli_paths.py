"""The paths a command reads and writes, checked before any work: inputs are never overwritten.

A report never lands on an article being scanned or on the index a command
uses, two outputs of one command never share a file, and an empty path (an
unset shell variable) is a usage error rather than the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import ConfigError
from .formats import KINDS
from .report import sanitize
from .report.graph_export import graph_format
from .report.output import inherited_descriptor

if TYPE_CHECKING:
    from .cli import State

__all__ = ["Folder", "check_extra_outputs", "check_folder", "check_output", "check_outputs_apart"]


class Folder(click.Path):
    """A path argument that may not be empty: ``reuse scan "$DIR"`` with ``DIR`` unset must not scan ``.``."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("an empty path: give the folder of articles (or one article file), e.g. samples/", param, ctx)
        return super().convert(value, param, ctx)


def check_folder(folder: Path, example: str = "reuse scan samples/", doing: str = "scan") -> None:
    """Refuse a FOLDER that is not there, saying why and giving the command's ``example``."""
    if not folder.exists():
        broken = next((p for p in (folder, *folder.parents) if p.is_symlink() and not p.exists()), None)
        if broken is None:
            what = "does not exist"
        else:
            what = ("is" if broken == folder else f"is under '{broken}',") + " a symbolic link that leads nowhere (a loop, or its target is gone)"
        raise click.BadParameter(
            f"'{folder}' {what}: give the folder of articles to {doing} (or one article file), "
            f"e.g. {example}",
            param_hint="FOLDER",
        )


def check_output(out: str, folder: Path, state: State, option: str = "--json", example: str = "report.json") -> None:
    """Refuse a report path that is one of the inputs; warn when it is inside the scanned folder.

    ``option`` is the option that gave ``out``, ``example`` a file name for it in the message.
    A file of a kind the scan does not read (a picture) is neither.
    """
    target = Path(out)
    if target.suffix.lower() not in KINDS:
        return
    # Both spellings: a symlinked input resolves outside the folder, yet writing through it overwrites an input.
    inside = any(
        path == root or root in path.parents
        for path, root in ((target.absolute(), folder.absolute()), (_resolved(target), _resolved(folder)))
    )
    if not inside:
        return
    if target.exists():
        raise click.BadParameter(
            f"'{out}' is one of the files being scanned in '{folder}': writing the report there would "
            f"overwrite an input. Write the report outside the folder, e.g. {option} {example}",
            param_hint=option,
        )
    state.warn(
        f"the report {out} is inside the scanned folder {folder}: a later scan of it will "
        + ("list the report as skipped" if _recognised(option, target.suffix.lower()) else "read the report as an article")
    )


def _recognised(option: str, suffix: str) -> bool:
    """Whether a later scan tells the output from an article (:mod:`reuse.formats` skips reuse's own reports and graphs)."""
    return suffix == ".json" or (option == "--html" and suffix in (".html", ".htm"))


def check_extra_outputs(ctx: click.Context, folder: Path, state: State, html_path: str | None, graph_path: str | None) -> None:
    """The checks of ``--json`` for ``--html`` and ``--graph``, and a known graph format."""
    for option, out, example in (("--html", html_path, "report.html"), ("--graph", graph_path, "graph.png")):
        if out is not None:
            check_output(out, folder, state, option, example)
    if graph_path is not None:
        try:
            graph_format(graph_path)
        except ConfigError as exc:
            raise click.BadParameter(sanitize(str(exc)), ctx, param_hint="--graph") from exc


def _open_descriptor(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def check_outputs_apart(outputs: dict[str, str | None], index: Path | None = None) -> None:
    """Refuse an empty output path, ``-`` where only ``--json`` may write to stdout, two options writing
    one file (``{option: path}``), and a report written over the ``index`` a command uses (or its WAL files)."""
    seen: dict[Path, str] = {}
    guarded: set[Path] = set()
    if index is not None and any(out not in (None, "-") for out in outputs.values()):
        resolved = _resolved(index)
        guarded = {resolved, *(resolved.with_name(resolved.name + suffix) for suffix in ("-wal", "-shm", "-journal"))}
    for option, out in outputs.items():
        if out is None or (out == "-" and option == "--json"):
            continue
        if not out.strip():
            raise click.BadParameter("an empty path: give the file to write, e.g. report.json", param_hint=option)
        if out == "-":
            raise click.BadParameter(f"'-' would be a file named '-': {option} writes a file (only --json writes to stdout)", param_hint=option)
        descriptor = inherited_descriptor(Path(out))
        if descriptor is not None and not _open_descriptor(descriptor):
            # Checked now, before the scan opens files of its own: one of them could take that number.
            raise click.BadParameter(
                f"'{out}' names descriptor {descriptor}, which the shell did not open for reuse (e.g. 3> file, or >(gzip > r.gz)); "
                "give a file instead",
                param_hint=option,
            )
        target = _resolved(Path(out))
        if target in guarded:
            raise click.BadParameter(
                f"'{out}' is the index {index} (or one of its files): writing the report there would destroy the index. "
                f"Write it elsewhere, e.g. {option} report.json",
                param_hint=option,
            )
        if target in seen:
            raise click.BadParameter(
                f"'{out}' is given to both {seen[target]} and {option}: one would overwrite the other. Give each its own file.",
                param_hint=option,
            )
        seen[target] = option


def _resolved(path: Path) -> Path:
    """``path`` with its links followed, or as it stands where they loop or cannot be read (the command says why later)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
