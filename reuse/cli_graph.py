"""``reuse graph``: the reuse graph of a folder or a saved report, as a picture or a graph file.

Registered on the :func:`reuse.cli.main` group when :mod:`reuse.cli` is
imported; like every command it parses, calls the library and prints.
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli import (
    announce,
    cli_state,
    build_config,
    common_options,
    config_options,
    jobs_option,
    main,
)
from .cli_run import Progress, exit_if_nothing_read, reported
from .cli_paths import Folder, check_folder, check_output, check_outputs_apart
from .errors import ConfigError
from .pipeline import scan as scan_folder
from .report import sanitize
from .report.graph_export import GRAPH_FORMATS, LEVELS, graph_format, write_graph
from .report.report_reader import is_report, read_report

__all__ = ["graph"]

GRAPH_EXIT_CODES_HELP = """\b
Exit codes:
  0    success, even when no reuse is found
  1    the run failed (an error reported by reuse, e.g. the graph cannot be written), or no file
       in FOLDER could be read (no graph is written; the warnings say why)
  2    usage error: missing or empty folder, a file that is neither an article file nor a report,
       bad option or setting
  130  interrupted by Ctrl-C; no graph half-written"""


@main.command(epilog=GRAPH_EXIT_CODES_HELP)
@click.argument("source", metavar="FOLDER_OR_REPORT", type=Folder(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Where to write the graph; the extension picks the format: " + ", ".join("." + f for f in GRAPH_FORMATS) + ".",
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="article",
    show_default=True,
    help="article: a node per article, arrows from source to copy; outlet: a node per outlet, arrows weighted by articles taken.",
)
@click.option(
    "--quotes/--no-quotes",
    default=True,
    show_default=True,
    help="Show or hide the pairs whose only shared text is the same quotations (article level).",
)
@jobs_option
@config_options
@common_options
@click.pass_context
def graph(ctx: click.Context, source: Path, out: str, level: str, quotes: bool, jobs: int, **settings: int) -> None:
    """Draw or export the reuse graph of a folder or of a saved JSON report.

    FOLDER_OR_REPORT is a folder of articles (scanned first, like reuse scan)
    or a report written by reuse scan --json (drawn without scanning again).
    Images (.png .svg .pdf) lay each group of related articles out apart and
    set articles that share nothing aside; .graphml and .gexf open in Gephi;
    .json is networkx node-link data.

    \b
    Examples:
      reuse graph samples/ -o graph.png
      reuse graph report.json -o outlets.svg --level outlet
      reuse graph samples/ -o graph.gexf --no-quotes
    """
    state = cli_state(ctx)
    check_folder(source, "reuse graph samples/ -o graph.png (or a JSON report: reuse graph report.json -o graph.png)", "draw")
    given = [name for name in settings if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT]
    drawing_a_report = is_report(source)
    if drawing_a_report and given:
        # A report is drawn as it was scanned: the settings would change nothing.
        state.warn(f"{', '.join('--' + n.replace('_', '-') for n in given)} ignored: {source} is a report, drawn as it was scanned")
    try:
        config = None if drawing_a_report else build_config(settings)
        graph_format(out)
    except ConfigError as exc:
        raise click.UsageError(sanitize(str(exc)), ctx) from exc
    check_outputs_apart({"-o": out})
    check_output(out, source, state, "-o", "graph.png")
    progress = Progress(quiet=state.quiet)
    with reported(ctx, "no graph written"):
        if drawing_a_report:
            stored = read_report(source)
            result, words = stored.result, stored.words
        else:
            try:
                result = scan_folder(source, config, jobs=jobs, progress=progress)
            finally:
                progress.close()
            words = None
            announce(state, result.skipped, result.warnings, result.timings)
            fix = "give a folder of articles, or a report that reuse scan --json wrote"
            exit_if_nothing_read(ctx, source, len(result.articles), result.skipped, fix)  # no empty image said to be written
        for note in write_graph(result, out, level=level, quotes=quotes, words=words):
            state.warn(note)
        state.note(f"graph written to {out}")
