"""``reuse index add|info|list|remove``: the persistent index from the command line (``reuse check``: :mod:`reuse.cli_check`).

Registered on the :func:`reuse.cli.main` group when :mod:`reuse.cli` is
imported; like every command they parse, call the library and print. The
options and steps ``reuse check`` shares with them are here too.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import click

from .cli import (
    CONTEXT_SETTINGS,
    SETTINGS,
    F,
    announce,
    build_config,
    settings_or_usage,
    cli_state,
    common_options,
    index_config_options,
    jobs_option,
    main,
)
from .cli_run import Progress, exit_if_nothing_read, reported
from .cli_paths import Folder, check_folder
from .config import ScanConfig
from .errors import ConfigError, IndexDamaged, IndexFileError
from .report import sanitize
from .words import plural

__all__ = ["added_line", "id_prefix_option", "index_group", "index_option", "index_settings"]

INDEX_EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    the run failed (the index busy, damaged or built with other settings; for add and remove,
       not writable by you); the index is as it was; for add, also no file in FOLDER could be read
       (nothing added)
  2    usage error: missing or empty folder, no index at PATH (info, list, remove), an index PATH
       that is a folder, no regular file or in no folder, bad option or setting
  130  interrupted by Ctrl-C; the index is as it was, or, when the change was committed already,
       holds it: the message says which"""


def index_option(fn: F) -> F:
    """``--index PATH``: the index file, required."""
    return click.option(
        "--index",
        "index_path",
        required=True,
        metavar="PATH",
        type=click.Path(dir_okay=False),
        callback=_index_path,
        help="The index file (SQLite), e.g. --index news.db.",
    )(fn)


def id_prefix_option(fn: F) -> F:
    """``--id-prefix PREFIX``: put before every article id of the folder."""
    return click.option(
        "--id-prefix",
        "id_prefix",
        default="",
        metavar="PREFIX",
        help="Put PREFIX before the ids taken from paths in FOLDER, e.g. the batch's date (--id-prefix 2025-07-25/): "
        "files named alike in two batches (feeds/feed.jsonl#1) are then two articles, not two versions of one. "
        "An id a JSON record gives itself is kept as it is.",
    )(fn)


def _index_path(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    """The ``--index`` path; an empty one is an error, not the current folder."""
    if not value.strip():
        raise click.BadParameter("an empty path: give the index file, e.g. --index news.db", ctx, param)
    return Path(value)


@main.group(name="index", context_settings=CONTEXT_SETTINGS, epilog=INDEX_EXIT_CODES_HELP)
@common_options
def index_group() -> None:
    """Keep a persistent index of articles to check new batches against.

    The index is one SQLite file holding the articles, the LSH band keys of
    their passages, the counts a scan learns from a corpus, and the settings;
    `reuse check` compares new articles with it.

    \b
    Examples:
      reuse index add archive/ --index news.db
      reuse index info --index news.db
      reuse index list --index news.db
      reuse index remove 2024/01/story.txt --index news.db
    """


@index_group.command(name="add", epilog=INDEX_EXIT_CODES_HELP)
@click.argument("folder", type=Folder(path_type=Path))
@index_option
@id_prefix_option
@jobs_option
@index_config_options
@common_options
@click.pass_context
def index_add(ctx: click.Context, folder: Path, index_path: Path, id_prefix: str = "", jobs: int = 1, **settings: int) -> None:
    """Add the articles of FOLDER to the index (created when missing).

    Ids are those `reuse scan FOLDER` gives (after --id-prefix). An article already indexed with
    the same content is left as it is; with other content it is stored as a
    new version, the one matched from then on. The whole folder is added in
    one transaction: interrupted, the index is left as it was (or, once it is
    committed, holds the whole batch: the message says which).

    \b
    Example:
      reuse index add archive/ --index news.db
    """
    state = cli_state(ctx)
    config = index_settings(ctx, settings, index_path)
    check_folder(folder, f"reuse index add archive/ --index {index_path}", "add")
    from .index import Commit

    committed = Commit()
    with reported(ctx, f"the index {index_path} is as it was before", made=f"the batch is added: the index {index_path} holds the change",
                  done=committed):
        done = _add(folder, index_path, config, jobs, state, id_prefix, committed)
        announce(state, done.skipped, done.warnings, done.timings)
        r = done.result
        exit_if_nothing_read(ctx, folder, len(r.added) + len(r.updated) + len(r.unchanged) + len(r.earlier), done.skipped)  # no index made
        click.echo(added_line(index_path, r, len(done.skipped)))


def index_settings(ctx: click.Context, settings: dict[str, int], index_path: Path) -> ScanConfig:
    """The command's settings: the index's own, but for those given on the command line (the defaults for a new index).

    A check may give its own ``--max-bucket``; another setting given that the
    index was not built with is refused, with the fix, when the index is opened.
    """
    from .index import built_with

    try:
        theirs = built_with(index_path)
    except IndexDamaged:
        with reported(ctx, f"the index {index_path} is as it was before"):
            raise  # settings that cannot be read: the index is refused, as reuse index info refuses it
    except IndexFileError:
        return settings_or_usage(ctx, settings)  # no index there yet (or an empty file to make one in): the add makes it, the check says what is wrong
    given = {name: value for name, value in settings.items() if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT}
    own = {name: getattr(getattr(theirs, stage), name) for stage, name, _ in SETTINGS if stage != "load" and name not in given}
    try:
        return build_config({**settings, **own, **given})
    except ConfigError as exc:
        taken = ", ".join(f"--{name.replace('_', '-')} {value}" for name, value in own.items())
        built = {name: getattr(getattr(theirs, stage), name) for stage, name, _ in SETTINGS if stage != "load" and name in given}
        differ = [name for name, value in given.items() if name in built and built[name] != value]
        if differ:  # the index's own first: following the message's advice alone led to a second refusal (a review)
            was = ", ".join(f"--{name.replace('_', '-')} {built[name]}" for name in differ)
            asked = " ".join(f"--{name.replace('_', '-')} {given[name]}" for name in differ)
            taken = f"{taken}. The index was built with {was}: leave out {asked} to use it; other settings need a new index"
        raise click.UsageError(f"invalid settings: {exc} (those not given are the index's own: {taken})", ctx) from exc


def _add(folder: Path, index_path: Path, config, jobs: int, state, id_prefix: str = "", committed=None):
    """``add_folder`` with a progress bar (``committed`` as :func:`reuse.index.add_articles` takes ``done``)."""
    from .index import add_folder

    progress = Progress(quiet=state.quiet)
    try:
        done = add_folder(folder, index_path, config, jobs=jobs, progress=progress, id_prefix=id_prefix, done=committed)
    finally:
        progress.close()
    return done


def added_line(index_path: Path, r, skipped: int) -> str:
    """What an add did, one line: ``r`` is a :class:`reuse.index.AddResult`, ``skipped`` the files it could not read."""
    earlier = f", {len(r.earlier)} as an earlier version (the current one kept)" if r.earlier else ""
    return f"{index_path}: {len(r.added)} added, {plural(len(r.updated), 'new version')}, {len(r.unchanged)} unchanged{earlier}, {skipped} skipped"


@index_group.command(name="info", epilog=INDEX_EXIT_CODES_HELP)
@index_option
@common_options
@click.pass_context
def index_info_command(ctx: click.Context, index_path: Path) -> None:
    """Show what the index holds: counts, size on disk, settings.

    \b
    Example:
      reuse index info --index news.db
    """
    from .index import index_info

    with reported(ctx):
        info = index_info(index_path)
        announce(cli_state(ctx), warnings=info.warnings)
        # Bytes, not KB: the size's MB are millions of bytes, and the benchmark counts bytes per article.
        per = f" ({info.bytes_per_article:,.0f} bytes per article)" if info.articles else ""
        click.echo(
            f"index:       {sanitize(info.path)}\n"
            f"articles:    {info.articles:,} ({_count(info.versions, 'version')} stored)\n"
            f"postings:    {_count(info.postings, 'band key')} (LSH buckets of the passages' sketches)\n"
            f"counted:     {_count(info.stems, 'stem')} (for word weights), {_count(info.lines, 'line')} (for boilerplate)\n"
            f"size:        {info.bytes / 1e6:.1f} MB{per}\n"
            f"fingerprint: {info.fingerprint}\n"
            f"minhash:     datasketch {info.scheme}, num_perm {info.num_perm}, seed {info.seed}\n"
            f"settings:    {_settings_lines(info.settings)}"
        )


def _count(n: int, word: str) -> str:
    """``n`` with thousands separators and ``word``, in the plural unless ``n`` is 1.

    >>> _count(409962, "band key"), _count(1, "line")
    ('409,962 band keys', '1 line')
    """
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _settings_lines(settings: str) -> str:
    """An index's settings (JSON, by stage) as one line per stage, in the order the stages run.

    >>> print(_settings_lines('{"align": {"max_gap": 2}, "sketch": {"num_perm": 128, "seed": 1}}'))
    sketch: num_perm 128, seed 1
                 align: max_gap 2
    """
    stages = json.loads(settings)
    order = [stage for stage in ("load", "sketch", "candidates", "boilerplate", "align") if stage in stages]
    order += sorted(set(stages) - set(order))
    lines = [f"{stage}: " + ", ".join(f"{name} {json.dumps(value)}" for name, value in stages[stage].items()) for stage in order]
    return ("\n" + " " * 13).join(lines)


@index_group.command(name="list", epilog=INDEX_EXIT_CODES_HELP)
@click.argument("patterns", nargs=-1, metavar="[PATTERN]...")
@index_option
@click.option("--long", "long", is_flag=True, help="Also the version, time, outlet and title, tab-separated.")
@click.option("--jsonl", "jsonl", is_flag=True, help="One JSON object per article (id, version, versions, outlet, title, url, published).")
@common_options
@click.pass_context
def index_list(ctx: click.Context, patterns: tuple[str, ...], index_path: Path, long: bool, jsonl: bool) -> None:
    """List the ids of the articles the index holds, in order, one a line.

    PATTERN keeps the ids it matches, shell-style: '*' matches any run of
    characters, '/' included, '?' one character. The texts are not read.

    \b
    Examples:
      reuse index list --index news.db
      reuse index list '2025-07-25/*' --index news.db --long
    """
    from .index import list_articles

    state = cli_state(ctx)
    if long and jsonl:
        raise click.UsageError("--long and --jsonl are two layouts: give one")
    with reported(ctx):
        listing, shown = list_articles(index_path, patterns), 0
        for article in listing.articles:
            shown += 1
            if jsonl:
                click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
            elif long:
                version = f"v{article.version}" + (f" of {article.versions}" if article.versions != article.version else "")
                cells = (article.id, version, article.published or "-", article.outlet or "-", article.title or "-")
                click.echo("\t".join(sanitize(c) for c in cells))
            else:
                click.echo(sanitize(article.id))
        announce(state, warnings=listing.warnings)
        if patterns and not shown:
            state.warn(f"no article of {index_path} has an id matching {' or '.join(map(repr, patterns))}")


@index_group.command(name="remove", epilog=INDEX_EXIT_CODES_HELP)
@click.argument("ids", nargs=-1, required=True)
@index_option
@common_options
@click.pass_context
def index_remove(ctx: click.Context, ids: tuple[str, ...], index_path: Path) -> None:
    """Remove articles (every version) from the index by id.

    Ids the index does not hold are reported on stderr; the others are
    removed in one transaction.

    \b
    Example:
      reuse index remove 2024/01/story.txt --index news.db
    """
    from .index import Commit, remove_articles

    state = cli_state(ctx)
    committed = Commit()
    with reported(ctx, f"the index {index_path} is as it was before", made=f"the articles are removed: the index {index_path} holds the change",
                  done=committed):
        progress = Progress(quiet=state.quiet)
        try:
            result = remove_articles(index_path, ids, done=committed, progress=progress)
        finally:
            progress.close()
        for missing in result.missing:
            state.warn(f"{_shown_id(missing)} is not in the index")
        where = shlex.quote(sanitize(str(index_path)))
        patterns = [missing for missing in result.missing if any(c in missing for c in "*?[")]
        if patterns:  # list takes patterns, and a day's batch is what a team removes
            # The command last and unquoted: the patterns' own quotes inside quotes around it read as nested ('...'00*'...').
            state.note(f"remove takes ids, not patterns; to see the ids the pattern{'s' if len(patterns) > 1 else ''} "
                       f"match{'' if len(patterns) > 1 else 'es'}, run: reuse index list {' '.join(shlex.quote(sanitize(p)) for p in patterns)} --index {where}")
        elif result.missing:
            state.note(f"to see the ids it holds, run: reuse index list --index {where}")
        click.echo(f"{index_path}: {len(result.removed)} removed")


def _shown_id(article_id: str) -> str:
    """An id as a message shows it: quoted when it is empty or begins or ends with a space, which would not show.

    >>> _shown_id("2024/story.txt"), _shown_id(""), _shown_id("story.txt ")
    ('2024/story.txt', "''", "'story.txt '")
    """
    return sanitize(article_id) if article_id and article_id == article_id.strip() else sanitize(repr(article_id))
