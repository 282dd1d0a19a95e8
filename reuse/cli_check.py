"""``reuse check``: a batch of new articles against the persistent index, from the command line.

Registered on the :func:`reuse.cli.main` group when :mod:`reuse.cli` is
imported; like every command it parses, calls the library and prints. Its
index options and settings are those of ``reuse index`` (:mod:`reuse.cli_index`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from .cli import (
    LISTED,
    announce,
    shown_pairs,
    cli_state,
    summary_width,
    common_options,
    emit_reports,
    extra_output_options,
    report_options,
    index_config_options,
    jobs_option,
    main,
)
from .cli_index import added_line, id_prefix_option, index_option, index_settings
from .cli_run import Interrupts, Progress, exit_if_nothing_read, reported, write_extras
from .cli_paths import Folder, check_extra_outputs, check_folder, check_output, check_outputs_apart
from .report import render_text, write_json
from .words import first_few, plural

__all__ = ["check"]

CHECK_EXIT_CODES_HELP = """\b
Exit codes:
  0    success, even when no reuse is found
  1    the run failed (the index busy, damaged or built with other settings, the report cannot
       be written; with --add, the index not writable by you); with --add, the index is as it was;
       or no file in FOLDER could be read (the report, written, lists why; nothing added)
  2    usage error: missing or empty folder, no index at PATH, an index PATH that is a folder,
       no regular file or in no folder, bad option or setting
  130  interrupted by Ctrl-C; no report half-written, and with --add the index is as it was or,
       committed already, holds the batch: the message says which"""


def _checked_again(
    state, index_path: Path, first, articles, config, jobs: int, meanwhile, outputs: dict[str, str | None], shown: int | None
) -> None:
    """The batch checked again against the articles another run added to the index between the check and the add.

    Neither run compared them: the other did not see this batch, and a
    later check reports no pair of two stored articles. Their pairs are
    printed (on stderr with ``--json -``, whose stdout is the report, unless
    quiet) and the report files (``outputs``: ``--json``, ``--html`` and
    ``--graph``) are written again, whole, with the first check's skipped
    files and warnings (``first``: that check's result).
    """
    from .index import check_again

    again, only = check_again(index_path, articles, meanwhile, config, jobs=jobs)
    again = replace(again, skipped=first.skipped, warnings=first.warnings)  # not "the batch is in the index already": this run added it
    json_path = outputs["--json"]
    files = [path for path in (json_path, outputs["--html"], outputs["--graph"]) if path not in (None, "-")]
    where = f", and {' and '.join(files)} {'is' if len(files) == 1 else 'are'} written again with them" if files and only.pairs else ""
    if json_path == "-" and only.pairs:  # out already: the pairs follow on stderr
        where += " (the JSON report on standard output, written before, lacks them: they follow here)"
    state.warn(
        f"while this check ran, another run added {plural(len(meanwhile), 'article')} to {index_path} "
        f"({first_few(list(meanwhile))}); the batch was checked again against them: {plural(len(only.pairs), 'more pair')}{where}"
    )
    if not only.pairs:
        return
    if json_path not in (None, "-"):
        write_json(again, json_path, config)
    write_extras(again, config, outputs["--html"], outputs["--graph"], state=state)
    if json_path == "-" and state.quiet:
        return  # stderr holds errors only; stdout, the first report
    text = render_text(only, width=summary_width(), max_pairs=shown, verbose=state.verbose > 0, listed=LISTED)
    heading = f"\nChecked again against {plural(len(meanwhile), 'article')} another run added meanwhile:\n"
    click.echo(heading + text, nl=False, err=json_path == "-")


@main.command(name="check", epilog=CHECK_EXIT_CODES_HELP)
@click.argument("folder", type=Folder(path_type=Path))
@index_option
@id_prefix_option
@click.option("--add", "add", is_flag=True, help="Add the checked articles to the index afterwards.")
@report_options
@extra_output_options
@jobs_option
@index_config_options
@common_options
@click.pass_context
def check(
    ctx: click.Context,
    folder: Path,
    index_path: Path,
    json_path: str | None,
    add: bool,
    max_pairs: int | None,
    html_path: str | None = None,
    graph_path: str | None = None,
    id_prefix: str = "",
    jobs: int = 1,
    **settings: int,
) -> None:
    """Check the new articles in FOLDER against the index and each other.

    Reports, as `reuse scan` does, every pair sharing text in which A is a
    new article and B an indexed article or another new one; the pairs and
    passages are those a scan of the index and FOLDER together would find.

    \b
    Examples:
      reuse check today/ --index news.db
      reuse check today/ --index news.db --json report.json --add
      reuse check today/ --index news.db --html today.html --graph today.png
    """
    from .index import Commit, Snapshot, add_articles, check_articles, ensure_writable, load_batch

    state = cli_state(ctx)
    config = index_settings(ctx, settings, index_path)
    check_folder(folder, f"reuse check today/ --index {index_path}", "check")
    outputs = {"--json": json_path, "--html": html_path, "--graph": graph_path}
    check_outputs_apart(outputs, index=index_path)
    if json_path not in (None, "-"):
        check_output(json_path, folder, state)
    check_extra_outputs(ctx, folder, state, html_path, graph_path)
    progress = Progress(quiet=state.quiet)
    interrupts = Interrupts()  # a Ctrl-C swallowed in a __del__ still stops the report and the add
    written: list[str] = []

    def interrupted() -> str:
        return f"already written: {', '.join(written)}; the index unchanged" if written else "no report written, the index unchanged"

    with reported(ctx, interrupted), interrupts:
        if add:
            ensure_writable(index_path, create=False)  # before the folder is read: the check alone would read an index it cannot add to
        try:
            # Read once: the same articles are checked and then, with --add, added.
            batch = load_batch(folder, config, jobs=jobs, progress=progress, id_prefix=id_prefix)
            checked = Snapshot()  # the index's state as checked: what another run adds after it, the batch is checked against again
            result = check_articles(
                index_path, batch.articles, config, skipped=batch.skipped, warnings=batch.warnings, jobs=jobs, progress=progress, state=checked
            )
        finally:
            progress.close()
        announce(state, result.skipped, result.warnings, result.timings)
        interrupts.check()
        emit_reports(state, result, config, outputs, max_pairs, interrupts, written)
        # Articles that only hold an earlier version of their id were read, though left out of the check.
        exit_if_nothing_read(ctx, folder, len(batch.articles), result.skipped)  # and nothing to add
    if add:
        # Only once the report is out: a report that cannot be written leaves the index as it was.
        made, committed = f"the report is written and the batch added: the index {index_path} holds the change", Commit()
        with reported(ctx, f"the report is written; the index {index_path} is as it was before", made=made, done=committed), interrupts:
            interrupts.check()
            from .index import as_index

            if ctx.get_parameter_source("max_bucket") is not click.core.ParameterSource.DEFAULT:
                config = as_index(config, index_path)  # the check's own --max-bucket: adding takes the index's
            progress = Progress(quiet=state.quiet)
            try:
                added = add_articles(index_path, batch.articles, config, jobs=jobs, progress=progress, done=committed, since=checked.state)
            finally:
                progress.close()
            # What changed in the index is a result, on stdout as reuse index add prints it (even with -q), but for
            # --json -, where stdout is the report. Its warnings are the check's: not said twice.
            if json_path == "-":
                state.note(added_line(index_path, added, len(batch.skipped)))
            else:
                click.echo(added_line(index_path, added, len(batch.skipped)))
            announce(state, timings=[(f"add: {stage}", seconds) for stage, seconds in added.timings])  # -v: the add's stages too
        if added.meanwhile:
            stopped = (f"the report is written and the batch added: the index {index_path} holds the change, but the check against "
                       f"what another run added meanwhile did not finish: 'reuse check {folder} --index {index_path}' shows their pairs")
            with reported(ctx, stopped), interrupts:
                _checked_again(state, index_path, result, batch.articles, config, jobs, added.meanwhile, outputs, shown_pairs(max_pairs, state.verbose))
