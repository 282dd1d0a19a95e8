"""The ``reuse`` command line: parse options, call the library, print.

Each command is one call into the library; this module only translates
options into a :class:`~reuse.config.ScanConfig`, library exceptions into
messages and exit codes, and results into text on stdout.

Commands
--------
scan FOLDER
    Find reused text between the articles in FOLDER.
graph FOLDER_OR_REPORT -o FILE
    Draw or export the reuse graph (png, svg, pdf, graphml, gexf, json).
index add|info|list|remove
    Keep a persistent index of articles (one SQLite file).
check FOLDER --index PATH
    Check new articles against the index and each other.

Output
------
Results go to stdout; progress bars (only on a terminal) and ``warning: ...``
lines go to stderr. ``-q/--quiet`` silences stderr except for errors;
``-v/--verbose`` adds stage timings on stderr and detail in the summary.
Both work on the group and on every command. With ``--json -`` stdout carries
only the JSON report and the text summary is not printed.

Exit codes
----------
0
    Success, whether or not any reuse was found.
1
    The run failed with an error reported by ``reuse`` (for example the
    report could not be written), or no file in the folder could be read
    (the report, written, lists why).
2
    Usage error: missing or empty folder, bad option or setting combination.
130
    Interrupted by Ctrl-C; no report is half-written, and the message names
    any report written before.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .cli_run import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Interrupts, Progress, exit_if_nothing_read, reported, write_extras  # noqa: F401 (exit codes re-exported)
from .cli_paths import Folder, check_extra_outputs, check_folder, check_output, check_outputs_apart
from .config import COMMAND_LINE_SETTINGS, MAX_SEED, MIN_NUM_PERM, ScanConfig
from .errors import ConfigError
from .model import ScanResult
from .parallel import default_jobs
from .pipeline import scan as scan_folder
from .report import dumps_report, render_text, sanitize, write_json

__all__ = [
    # the command group; the rest is shared with the other command modules (cli_check, cli_graph, cli_index)
    "main",
    "CONTEXT_SETTINGS",
    "EXIT_CODES_HELP",
    "LISTED",
    "SUMMARY_PAIRS",
    "State",
    "announce",
    "build_config",
    "cli_state",
    "emit_reports",
    "common_options",
    "config_options",
    "extra_output_options",
    "report_options",
    "index_config_options",
    "jobs_option",
    "settings_or_usage",
    "stacked",
    "shown_pairs",
    "summary_width",
]

F = TypeVar("F", bound=Callable[..., Any])


EXIT_CODES_HELP = """\b
Exit codes:
  0    success, even when no reuse is found
  1    the run failed (an error reported by reuse, e.g. the report cannot be written), or no file
       in FOLDER could be read (the report, written, lists why)
  2    usage error: missing or empty folder, bad option or setting
  130  interrupted by Ctrl-C; no report half-written (the message names any written before)"""

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: Summary width when stdout is not a terminal; wider terminals are capped here too.
DEFAULT_WIDTH = 100
MAX_WIDTH = 140
#: Pairs the summary shows without --max-pairs or -v: a scan of thousands of articles finds thousands.
SUMMARY_PAIRS = 20


@dataclass
class State:
    """What the group and its commands share through ``ctx.obj``."""

    quiet: bool = False
    verbose: int = 0

    def warn(self, message: str) -> None:
        """``warning: ...`` on stderr unless quiet; the message is sanitised (it may hold file names)."""
        if not self.quiet:
            click.echo(f"warning: {sanitize(message)}", err=True)

    def note(self, message: str) -> None:
        """A note on stderr unless quiet."""
        if not self.quiet:
            click.echo(message, err=True)

    def info(self, message: str) -> None:
        """A note on stderr, only with ``-v``."""
        if self.verbose and not self.quiet:
            click.echo(message, err=True)


def cli_state(ctx: click.Context) -> State:
    return ctx.ensure_object(State)


def _set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        cli_state(ctx).quiet = True


def _set_verbose(ctx: click.Context, param: click.Parameter, value: int) -> None:
    if value:
        cli_state(ctx).verbose += value


def stacked(fn: F, *options: Callable[[F], F]) -> F:
    """``fn`` under ``options`` (``click.option(...)``, ...), which its help lists in the order given."""
    for option in reversed(options):
        fn = option(fn)
    return fn


def common_options(fn: F) -> F:
    """``-q/--quiet`` and ``-v/--verbose``, usable on the group and on every command."""
    return stacked(
        fn,
        click.option(
            "-q",
            "--quiet",
            is_flag=True,
            expose_value=False,
            callback=_set_quiet,
            help="Print nothing on stderr but errors: no progress bars, no warnings.",
        ),
        click.option(
            "-v",
            "--verbose",
            count=True,
            expose_value=False,
            callback=_set_verbose,
            help="More detail: stage timings on stderr (scan, check, graph, index add); every passage and all evidence in a summary of pairs.",
        ),
    )


def jobs_option(fn: F) -> F:
    """``-j/--jobs N``: processes to work in, all cores by default; the results are the same for any N."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=default_jobs,
        show_default="all cores",
        metavar="N",
        help="Processes to read and align in; any N gives the same results.",
    )(fn)


def dask_options(fn: F) -> F:
    """``--scheduler ADDRESS`` and ``--dask``: run on a Dask cluster (the optional extra ``reuse[dask]``)."""
    return stacked(
        fn,
        click.option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run reading, banding, alignment and directions on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); same results.",
        ),
        click.option(
            "--dask",
            "local_dask",
            is_flag=True,
            help="Run on a Dask LocalCluster of --jobs workers started for this scan (pip install 'reuse[dask]').",
        ),
    )


def report_options(fn: F) -> F:
    """``--json FILE`` and ``--max-pairs N``: where the report goes and how much the summary shows."""
    return stacked(
        fn,
        click.option(
            "--json",
            "json_path",
            metavar="FILE",
            type=click.Path(dir_okay=False, allow_dash=True),
            help="Also write the full report as JSON to FILE, atomically ('-': to stdout, instead of the summary).",
        ),
        click.option(
            "--max-pairs",
            type=click.IntRange(min=0),
            metavar="N",
            help=f"Show at most N pairs in the summary (default: the {SUMMARY_PAIRS} that share most, all with -v; the JSON and HTML reports keep them all).",
        ),
    )


def extra_output_options(fn: F) -> F:
    """``--html FILE`` and ``--graph FILE``: the reports beside the summary and the JSON (``scan``, ``check``)."""
    return stacked(
        fn,
        click.option(
            "--html",
            "html_path",
            metavar="FILE",
            type=click.Path(dir_okay=False),
            help="Also write a self-contained HTML report to FILE: graph, sortable pairs, articles side by side.",
        ),
        click.option(
            "--graph",
            "graph_path",
            metavar="FILE",
            type=click.Path(dir_okay=False),
            help="Also write the article-level reuse graph to FILE; the extension picks the format (.png .svg .pdf .graphml .gexf .json).",
        ),
    )


#: Help for each setting of :data:`reuse.config.COMMAND_LINE_SETTINGS`, the one list of them.
SETTING_HELP = {
    "max_bytes": "Read at most N bytes of each file (with a warning).",
    "num_perm": "MinHash permutations per signature; more is more accurate and slower.",
    "seed": "Seed of the MinHash permutations; results with different seeds are not comparable.",
    "bands": "LSH bands; bands x rows must equal --num-perm.",
    "rows": "Rows per LSH band; more rows make fewer, surer candidates.",
    "max_bucket": "Text more than N articles share is banal and pairs none of them; "
    "raise it to the copies of a story syndicated more widely (slower).",
    "shingle_size": "Words per shingle in the verbatim channel.",
    "window": "Items per passage window; smaller finds shorter shared passages.",
    "stride": "Step between passage windows; must divide --window.",
}


def _stage_of(name: str) -> str:
    """The stage of :class:`ScanConfig` (``load``, ``sketch``, ``candidates`` ...) that holds the setting ``name``."""
    defaults = ScanConfig()
    return next(f.name for f in dataclasses.fields(defaults) if hasattr(getattr(defaults, f.name), name))


#: (stage, field, help) for each setting a command exposes, in the order of
#: COMMAND_LINE_SETTINGS; options are named after the field in kebab case and
#: default to the library's own default.
SETTINGS: tuple[tuple[str, str, str], ...] = tuple((_stage_of(name), name, SETTING_HELP[name]) for name in COMMAND_LINE_SETTINGS)


def config_options(fn: F) -> F:
    """One option per entry of :data:`SETTINGS`, defaults taken from :class:`ScanConfig`."""
    return _config_options(fn)


def index_config_options(fn: F) -> F:
    """:func:`config_options` for the commands that use an index, whose own settings they take unless given."""
    # Reading limits are not kept in an index (they change no match): the defaults stand for them.
    kept = [name for name in COMMAND_LINE_SETTINGS if _stage_of(name) != "load"]
    return _config_options(fn, {name: " With an index, the index's own unless given." for name in kept})


def _config_options(fn: F, more: dict[str, str] | None = None) -> F:
    defaults = ScanConfig()
    for stage, name, help_text in reversed(SETTINGS):
        help_text += (more or {}).get(name, "")
        bounds = {"seed": (0, MAX_SEED), "num_perm": (MIN_NUM_PERM, None)}.get(name, (1, None))  # those the config checks
        fn = click.option(
            "--" + name.replace("_", "-"),
            name,
            type=click.IntRange(*bounds),
            default=getattr(getattr(defaults, stage), name),
            show_default=True,
            metavar="N",
            help=help_text,
        )(fn)
    return fn


def build_config(settings: dict[str, Any]) -> ScanConfig:
    """A :class:`ScanConfig` from option values keyed by field name.

    Raises :class:`~reuse.errors.ConfigError` when the settings cannot work
    together (the config classes check that, not the CLI).
    """
    defaults = ScanConfig()
    stages: dict[str, dict[str, Any]] = {}
    for stage, name, _ in SETTINGS:
        if name in settings:
            stages.setdefault(stage, {})[name] = settings[name]
    return ScanConfig(
        **{
            f.name: dataclasses.replace(getattr(defaults, f.name), **stages.get(f.name, {}))
            for f in dataclasses.fields(ScanConfig)
        }
    )


#: Said where the summary cuts a list (skipped files, warnings, outlets, articles without reuse) at ten lines.
LISTED = " (-v lists them all)"


def summary_width() -> int:
    return min(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MAX_WIDTH)


def shown_pairs(max_pairs: int | None, verbose: int) -> int | None:
    """Pairs the summary shows: ``--max-pairs``, else all with ``-v``, else the ``SUMMARY_PAIRS`` that share most."""
    if max_pairs is not None:
        return max_pairs
    return None if verbose else SUMMARY_PAIRS


@click.group(name="reuse", context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, "--version", prog_name="reuse", message="%(prog)s %(version)s")
@common_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """Find reused text in news articles.

    Which articles share text, which passages exactly, how much was copied
    verbatim and how much rewritten, which shared text is only a quotation,
    and who most likely took from whom.

    Results go to stdout; progress and warnings go to stderr.

    \b
    Example:
      reuse scan samples/ --json report.json
    """
    cli_state(ctx)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("folder", type=Folder(path_type=Path))
@report_options
@extra_output_options
@jobs_option
@dask_options
@config_options
@common_options
@click.pass_context
def scan(
    ctx: click.Context,
    folder: Path,
    json_path: str | None,
    max_pairs: int | None,
    html_path: str | None = None,
    graph_path: str | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    local_dask: bool = False,
    **settings: int,
) -> None:
    """Find reused text between the articles in FOLDER.

    FOLDER is read recursively (txt, md, html, json, jsonl); one file works
    too. The summary lists the pairs of articles that share text, most
    shared first, with how much of each was reused, the kind of reuse, who
    most likely took from whom, and the strongest shared passage side by side.

    With --json - the JSON report goes to stdout and the text summary is not
    printed; warnings still go to stderr unless --quiet.

    \b
    Examples:
      reuse scan samples/
      reuse scan samples/ --json report.json --max-pairs 5
      reuse scan samples/ --json - --quiet > report.json
      reuse scan samples/ --html report.html --graph graph.png
      reuse scan archive/ --jobs 4 --json report.json
      reuse scan archive/ --scheduler tcp://10.0.0.5:8786 --json report.json
    """
    state = cli_state(ctx)
    config = settings_or_usage(ctx, settings)
    check_folder(folder)
    if scheduler is not None and local_dask:
        raise click.UsageError("give --scheduler ADDRESS or --dask, not both", ctx)
    check_outputs_apart({"--json": json_path, "--html": html_path, "--graph": graph_path})
    if json_path not in (None, "-"):
        check_output(json_path, folder, state)
    check_extra_outputs(ctx, folder, state, html_path, graph_path)

    progress = Progress(quiet=state.quiet)
    written: list[str] = []

    def interrupted() -> str:
        return f"already written: {', '.join(written)}" if written else "no report written"

    with reported(ctx, interrupted), Interrupts() as interrupts:
        try:
            result = scan_folder(folder, config, jobs=jobs, scheduler="local" if local_dask else scheduler, progress=progress)
        finally:
            progress.close()
        announce(state, result.skipped, result.warnings, result.timings)
        emit_reports(state, result, config, {"--json": json_path, "--html": html_path, "--graph": graph_path}, max_pairs, interrupts, written)
        exit_if_nothing_read(ctx, folder, len(result.articles), result.skipped)


def emit_reports(
    state: State, result: ScanResult, config: ScanConfig, outputs: dict[str, str | None], max_pairs: int | None, interrupts: Interrupts, written: list[str]
) -> None:
    """The summary on stdout (with ``--json -``, the JSON report instead), and the report files ``outputs`` asks for.

    ``outputs`` maps ``--json``, ``--html`` and ``--graph`` to their paths
    (``None``: not asked for). The files are written before the summary is
    printed, each added to ``written`` once whole: a Ctrl-C (``interrupts``)
    between them leaves no report half-written, and the message names those
    already written. With ``-v``, their time is the last stage timing
    ("timing: reports"): on a large scan the JSON and the HTML page take
    seconds of their own.
    """
    started = time.perf_counter()
    json_path = outputs["--json"]
    summary = None
    if json_path != "-":
        summary = render_text(
            result, width=summary_width(), max_pairs=shown_pairs(max_pairs, state.verbose), verbose=state.verbose > 0,
            more=" (--max-pairs N or -v shows more; --json or --html keeps all)", listed=LISTED,
        )
    interrupts.check()
    if json_path == "-":
        click.echo(dumps_report(result, config), nl=False)
        written.append("the JSON report to standard output")
    elif json_path is not None:
        write_json(result, json_path, config)
        written.append(str(json_path))
    write_extras(result, config, outputs["--html"], outputs["--graph"], interrupts.check, written, state)
    interrupts.check()
    announce(state, timings=[("reports", time.perf_counter() - started)])
    if summary is not None:
        click.echo(summary, nl=False)
    if json_path not in (None, "-"):
        state.note(f"report written to {json_path}")


def announce(state: State, skipped=(), warnings=(), timings=()) -> None:
    """Skipped files and warnings on stderr, stage timings with ``-v``."""
    for item in skipped:
        state.warn(f"skipped {item.path}: {item.reason}")
    for warning in warnings:
        state.warn(warning)
    for stage, seconds in timings:
        state.info(f"timing: {stage} {seconds:.2f} s")


def settings_or_usage(ctx: click.Context, settings: dict[str, Any]) -> ScanConfig:
    try:
        return build_config(settings)
    except ConfigError as exc:
        raise click.UsageError(f"invalid settings: {exc}", ctx) from exc


# Further commands, each in its own module, register themselves on ``main``.
from . import cli_check, cli_graph, cli_index  # noqa: E402,F401
