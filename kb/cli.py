"""The `kb` command line: a thin layer over kb.api. User mistakes become one `error: …` line."""

from __future__ import annotations

import importlib
import json
import os
import sys
from datetime import date

import click

from kb.errors import KbError

MEETING_FORMATS = ["table", "json", "csv"]


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _kb(ctx, *, writer: bool = False):
    from kb.api import KnowledgeBase

    return KnowledgeBase(ctx.obj["db"], writer=writer)


class LazyGroup(click.Group):
    """Commands that live in their own packages are imported only when used, so that `kb meetings`
    does not pay for `kb timex` (XML) or `kb ask`."""

    lazy = {"timex": "kb.timex.command:timex", "ask": "kb.query.ask_command:ask"}

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx, name):
        if name in self.lazy:
            module, attr = self.lazy[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="KB_DATABASE_URL", default="kb.sqlite3", show_default=True,
              help="The store: a SQLite file path or a postgresql+psycopg:// URL (or KB_DATABASE_URL).")
@click.version_option(package_name="kb")
@click.pass_context
def cli(ctx, db):
    """kb: who met whom, where, when, how and on whose word, from news articles."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", help="Outlet name for every article added (overrides file metadata).")
@click.option("--published", help="Publication date YYYY-MM-DD (relative dates are anchored to it).")
@click.option("--lang", "language", help="Language code (id, en); detected when not given.")
@click.option("--url", help="URL of the article (with one input).")
@click.option("--title", help="Title of the article (with one input).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--workers", type=int, default=1, show_default=True, help="Extraction processes (0 = one per core).")
@click.option("--dask-scheduler", help="Run extraction on a Dask cluster (tcp://HOST:PORT).")
@click.option("--max-bytes", type=int, default=None, help="Largest input file accepted (default 16 MiB).")
@click.pass_context
def add(ctx, paths, source, published, language, url, title, fmt, workers, dask_scheduler, max_bytes):
    """Add articles from files, folders (with manifest.json) or - for stdin."""
    from kb.api import default_workers
    from kb.ingest import Overrides, parse_published

    pub = parse_published(published, "--published") if published else None
    if language:
        from kb.ingest import normalise_language

        try:
            language = normalise_language(language)
        except ValueError as e:
            raise KbError(f"--lang: {e}") from None
    overrides = Overrides(source=source, published=pub, language=language, url=url, title=title)
    kb = _kb(ctx, writer=True)
    show_bar = fmt == "text" and sys.stderr.isatty()
    bar = None
    if show_bar:
        from tqdm import tqdm

        bar = tqdm(unit="article", file=sys.stderr, leave=False)

    def on_item(res):
        if bar is not None:
            bar.update(1)
        if res.status == "failed":
            if bar is not None:
                bar.write(f"error: {res.error}", file=sys.stderr)
            else:
                click.echo(f"error: {res.error}", err=True)

    try:
        report = kb.add(paths, overrides, workers=workers or default_workers(), dask_scheduler=dask_scheduler,
                        max_bytes=max_bytes, on_item=on_item, stdin=sys.stdin.buffer)
    finally:
        if bar is not None:
            bar.close()
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        d = report.as_dict()
        click.echo(f"added {d['added']}, updated {d['updated']}, skipped {d['skipped']}, failed {d['failed']}; "
                   f"{d['meetings']} meeting reports extracted")
    if report.count("failed"):
        ctx.exit(1)


def _meeting_filters(f):
    f = click.option("--since", callback=_date, help="Only meetings on or after this date.")(f)
    f = click.option("--until", callback=_date, help="Only meetings on or before this date.")(f)
    f = click.option("--status", type=click.Choice(["occurred", "planned", "cancelled"]))(f)
    f = click.option("--kind", type=click.Choice(["in_person", "phone", "video"]))(f)
    return f


@cli.command()
@click.argument("a")
@click.argument("b")
@_meeting_filters
@click.option("--format", "fmt", type=click.Choice(MEETING_FORMATS), default=None,
              help="table on a terminal, json otherwise.")
@click.pass_context
def meetings(ctx, a, b, since, until, status, kind, fmt):
    """Meetings in which both A and B took part, chronological."""
    found = _kb(ctx).meetings_between(a, b, since=since, until=until, status=status, kind=kind)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "table":
        from kb.export.table import render_table

        click.echo(render_table(found))
    else:
        from kb.export import render

        click.echo(render(fmt, found), nl=False)


@cli.command()
@click.option("--person", "people", multiple=True, help="Only meetings with this person (repeatable).")
@click.option("--place", help="Only meetings in this place (city or country).")
@_meeting_filters
@click.option("--format", "fmt", default="json", show_default=True,
              type=click.Choice(["json", "csv", "md", "ics", "timelinejs", "html"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file.")
@click.pass_context
def timeline(ctx, people, place, since, until, status, kind, fmt, output):
    """The chronological timeline of meetings, exported."""
    from kb.export import render

    found = _kb(ctx).timeline(people=list(people), place=place, since=since, until=until, status=status, kind=kind)
    title = "Meetings" + (f" of {', '.join(people)}" if people else "") + (f" in {place}" if place else "") + (
        f" from {since}" if since else "") + (f" until {until}" if until else "")
    text = render(fmt, found, title=title)
    if output:
        try:
            with open(output, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        except OSError as e:
            raise KbError(f"{output}: cannot write ({e.strerror})") from None
    else:
        click.echo(text, nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def people(ctx, fmt):
    """Known people, with their aliases."""
    rows = _kb(ctx).people()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for p in rows:
        aliases = f"  (also: {', '.join(p['aliases'])})" if p["aliases"] else ""
        click.echo(f"{p['name']}  [{p['meetings']} meetings]{aliases}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def places(ctx, fmt):
    """Known places, with their country."""
    rows = _kb(ctx).places()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for p in rows:
        click.echo(f"{p['name']}, {p['country'] or '?'}  [{p['meetings']} meetings]")


@cli.command()
@click.argument("meeting_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def show(ctx, meeting_id, fmt):
    """One meeting with every source sentence and any conflict."""
    m = _kb(ctx).meeting(meeting_id)
    if fmt == "json":
        click.echo(json.dumps(m, ensure_ascii=False, indent=2))
        return
    from kb.export.table import describe

    click.echo(describe(m))


def main(argv=None):
    try:
        # with standalone_mode=False, click returns the code of ctx.exit(N) instead of raising Exit
        code = cli.main(args=argv, prog_name="kb", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("error: aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        click.echo(f"error: {e.format_message()}", err=True)
        sys.exit(e.exit_code)
    except KbError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # a bug, not a user mistake: one line unless KB_DEBUG asks for the traceback
        if os.environ.get("KB_DEBUG"):
            raise
        click.echo(f"error: internal error: {type(e).__name__}: {e} (set KB_DEBUG=1 for details)", err=True)
        sys.exit(1)
    sys.exit(0)
