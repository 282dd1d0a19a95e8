"""How a command runs: its progress bar, Ctrl-C, the library's errors as messages and exit codes, and its extra reports.

Split out of :mod:`reuse.cli` so that the commands' module holds the
commands; every command (``scan``, ``graph``, ``index``, ``check``) runs its
work inside :func:`reported`, with a :class:`Progress` bar and, where it
writes reports, :class:`Interrupts`; ``scan`` and ``check`` write their
``--graph`` and ``--html`` through :func:`write_extras`.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click
from tqdm import tqdm

from .errors import CommittedInterrupt, ConfigError, InputError, ReuseError

if TYPE_CHECKING:  # the index is imported by the commands that use it, not by every command
    from .cli import State
    from .config import ScanConfig
    from .index import Commit
    from .model import ScanResult
from .report import sanitize
from .report.graph_export import glyph_warnings, graph_data, graph_format, write_graph
from .report.html_report import write_html
from .report.output import write_output
from .words import plural

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "Interrupts", "Progress", "busy", "exit_if_nothing_read", "reported", "write_extras"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class Progress:
    """The library's ``progress(stage, done, total)`` callback as one tqdm bar per stage on stderr."""

    def __init__(self, quiet: bool) -> None:
        # disable=None lets tqdm switch itself off when stderr is not a terminal.
        self._disable: bool | None = True if quiet else None
        self._stage: str | None = None
        self._bar: tqdm | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total == 0:  # no count: a wait (for another writer of the index), said as a line, in a log too
            self.close()
            if not self._disable:
                click.echo(f"{stage} …", file=sys.stderr)
            return
        if stage != self._stage or self._bar is None:
            self.close()
            self._stage = stage
            self._bar = tqdm(
                total=total, desc=stage, file=sys.stderr, disable=self._disable, leave=False, dynamic_ncols=True
            )
        if self._bar.total != total:
            self._bar.total = total
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def busy(quiet: bool, what: str, stream=None) -> None:
    """Say on a terminal's stderr (not in a log, nor with ``--quiet``) what a long step without a bar is doing now.

    Writing the HTML report and the graph of a few thousand articles takes
    longer than the scan, after its last bar: a user saw 16 s of nothing.
    """
    stream = stream or sys.stderr
    if not quiet and stream.isatty():
        click.echo(f"{what} …", file=stream)


class Interrupts:
    """Ctrl-C while a command runs, seen even when the ``KeyboardInterrupt`` it raised was swallowed.

    Python raises it wherever the main thread is: inside an object's
    ``__del__`` (a regular expression's, while the HTML report is rendered)
    it is printed as "Exception ignored" and lost, and the scan went on to
    exit 0. The handler also records the signal; :meth:`check`, called
    before each report is written, raises it again.
    """

    def __init__(self) -> None:
        self.seen = False
        self._before: Any = None

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            self._before = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._before is not None:
            signal.signal(signal.SIGINT, self._before)

    def _handle(self, signum: int, frame: Any) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.seen:
            raise KeyboardInterrupt


@contextmanager
def reported(ctx: click.Context, what: str | Callable[[], str] = "no change was made", made: str | None = None, done: Commit | None = None):
    """Library errors as messages and exit codes; Ctrl-C says ``what`` was (or was not) written.

    ``made``: what to say of a Ctrl-C once the change was committed: a
    :class:`~reuse.errors.CommittedInterrupt` (from the library), or any
    Ctrl-C once ``done.made`` is true
    (the library sets it as its commit returns), wherever it lands after.
    """
    try:
        yield
    except KeyboardInterrupt as exc:
        committed = isinstance(exc, CommittedInterrupt) or bool(done is not None and done.made)
        said = made if committed and made else (what() if callable(what) else what)
        click.echo(f"interrupted: {said}", err=True)
        ctx.exit(EXIT_INTERRUPTED)
    except (InputError, ConfigError) as exc:
        raise click.UsageError(sanitize(str(exc)), ctx) from exc
    except ReuseError as exc:
        click.echo(f"error: {sanitize(str(exc))}", err=True)
        ctx.exit(EXIT_FAILED)


def exit_if_nothing_read(ctx: click.Context, folder: object, read: int, skipped: Sequence[Any], fix: str = "fix or convert the files, then run again") -> None:
    """Exit 1 when no article of FOLDER could be read and some were skipped.

    One broken file never stops a run, but a run that read nothing at all
    (every file binary, empty or undecodable) has failed, and a script
    that runs it must see so: the reports are written first (their skipped
    list says why), then this says it on stderr, even with --quiet.
    """
    if read or not skipped:
        return
    first = skipped[0]
    others = f"; {plural(len(skipped) - 1, 'other')} skipped too" if len(skipped) > 1 else ""
    click.echo(
        f"error: no article could be read in {sanitize(str(folder))} (skipped {sanitize(first.path)}: {sanitize(first.reason)}{others}): {fix}",
        err=True,
    )
    ctx.exit(EXIT_FAILED)


def write_extras(
    result: ScanResult, config: ScanConfig, html_path: str | None, graph_path: str | None, check: Callable[[], None] = lambda: None,
    written: list[str] | None = None, state: State | None = None,
) -> None:
    """Write the graph and the HTML report when asked (``--graph``, ``--html``), saying each as it is written.

    ``state`` (the command's :class:`reuse.cli.State`) takes the notes and
    warnings, and unless quiet a terminal is told what is being written.
    ``check`` runs before each (Ctrl-C), ``written`` gets each path.
    """
    warn = state.warn if state is not None else (lambda _: None)
    note = state.note if state is not None else (lambda _: None)
    quiet = state.quiet if state is not None else True
    drawn, warned = None, False
    if graph_path is not None:
        check()
        busy(quiet, f"drawing the graph to {sanitize(str(graph_path))}")
        if graph_format(graph_path) == "png":  # the picture the HTML report shows: drawn once, for both
            missing: set[str] = set()
            drawn = graph_data(result, "png", missing=missing)
            write_output(graph_path, drawn)
            said = glyph_warnings(graph_path, missing)
        else:
            said = write_graph(result, graph_path)
        for message in said:
            warn(message)
        warned = bool(said)
        note(f"graph written to {graph_path}")  # now: a failing HTML report after it must not leave it unsaid
        if written is not None:
            written.append(str(graph_path))
    if html_path is not None:
        check()
        busy(quiet, f"writing the HTML report to {sanitize(str(html_path))}")
        for message in write_html(result, html_path, config, graph_png=drawn):
            if not warned:  # the same labels, said once
                warn(message)
        note(f"HTML report written to {html_path}")
        if written is not None:
            written.append(str(html_path))
