"""`kb timex`: the time layer on its own, as a TIMEX3 tagger.

    kb timex FILE... [--lang id|en] [--published YYYY-MM-DD] [--format timeml|json] [-o DIR]

FILE is a TimeML document (``.tml``: the DCT anchors relative expressions and the text is the
content of ``<TEXT>`` with its tags dropped), anything ``kb add`` reads, a folder (its readable
files, recursively) or ``-`` for stdin.  ``--format timeml`` (the default) writes a TimeML
document with our TIMEX3 tags; ``--format json`` a list of ``{"start", "end", "text", "type",
"value"}`` (plus ``tid`` and, when set, ``mod``) with offsets into that plain text; for other
inputs the plain text is the article text `kb.ingest` reads (the same text `kb add` stores).

With ``-o DIR`` every input is written to ``DIR/<stem>.tml`` or ``DIR/<stem>.json`` (the folder is
created).  Without it exactly one input is written to stdout: several inputs without ``-o`` are
an error, since two TimeML documents or two JSON arrays one after the other are neither valid
TimeML nor valid JSON.

A bad input prints one line ``error: FILE: problem`` on stderr; the other inputs are still
written, and the exit status is 1.  The time layer is loaded once per process.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from kb.errors import InputError, KbError
from kb.timex.inputs import TimexInput, iter_inputs
from kb.timex.tagger import tag
from kb.timex.timeml import Timex, write_timeml

__all__ = ["timex", "render", "TimexCliError"]


class TimexCliError(click.ClickException):
    """A `kb timex` error: printed as one ``error: ...`` line on stderr."""

    def show(self, file=None) -> None:  # noqa: D102 - click API
        click.echo(f"error: {self.format_message()}", err=True)


class _IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date of the form YYYY-MM-DD", param, ctx)


def render(inp: TimexInput, timexes: list[Timex], fmt: str) -> str:
    """The output document for one input: TimeML or JSON text."""
    if fmt == "json":
        return json.dumps([t.as_json() for t in timexes], ensure_ascii=False, indent=2) + "\n"
    return write_timeml(
        inp.text,
        timexes,
        docid=inp.docid,
        dct_value=inp.dct_value,
        dct_tid=inp.dct_tid,
        dct_text=inp.dct_text,
    )


def _inside(origin: str, folder: Path) -> bool:
    path = origin.split("#")[0]
    try:
        return Path(path).resolve().is_relative_to(folder)
    except (OSError, ValueError):
        return False


@click.command("timex")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Language of the inputs (default: detected, or en when the text does not tell).")
@click.option("--published", type=_IsoDate(), default=None,
              help="Date to anchor relative expressions to (TimeML: the DCT, unless given).")
@click.option("--format", "fmt", type=click.Choice(["timeml", "json"]), default="timeml", show_default=True,
              help="TimeML with TIMEX3 tags, or JSON spans with offsets into the plain text.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Write DIR/<stem>.tml or DIR/<stem>.json per input (needed for several inputs).")
def timex(files: tuple[str, ...], lang: str | None, published: date | None, fmt: str, out_dir: Path | None) -> None:
    """Tag temporal expressions (TIMEX3: DATE, TIME, DURATION, SET) in FILE... .

    FILE is a TimeML .tml document (anchored to its DCT), any file `kb add` reads, a folder or
    '-' for stdin. Without -o exactly one input is written to stdout.
    """
    inputs = iter_inputs(list(files), lang=lang, published=published)
    if out_dir is None:
        items = list(inputs)
        docs = [i for i in items if not isinstance(i, InputError)]
        errors = [i for i in items if isinstance(i, InputError)]
        if len(items) > 1:
            raise TimexCliError(
                f"{len(items)} inputs ({', '.join(str(getattr(i, 'origin', None) or i.source) for i in items[:3])}"
                f"{', ...' if len(items) > 3 else ''}): give -o DIR to write one file per input;"
                " without -o, kb timex writes one input to stdout"
            )
        if errors:
            raise TimexCliError(str(errors[0]))
        inp = docs[0]
        try:
            click.echo(render(inp, tag(inp.text, inp.lang, inp.published, dct_tid=inp.dct_tid), fmt), nl=False)
        except KbError as e:
            raise TimexCliError(f"{inp.origin}: {e}") from None
        return

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise TimexCliError(f"{out_dir}: cannot create the output folder ({e.strerror or e})") from None
    suffix = ".json" if fmt == "json" else ".tml"
    written: dict[Path, str] = {}
    failed = 0
    out_resolved = out_dir.resolve()
    for inp in inputs:
        if _inside(getattr(inp, "origin", None) or getattr(inp, "source", ""), out_resolved):
            continue  # our own output, when DIR is inside an input folder
        if isinstance(inp, InputError):
            click.echo(f"error: {inp}", err=True)
            failed += 1
            continue
        target = out_dir / (inp.stem + suffix)
        if target in written:
            click.echo(f"error: {inp.origin}: {target} was already written for {written[target]}", err=True)
            failed += 1
            continue
        try:
            text = render(inp, tag(inp.text, inp.lang, inp.published, dct_tid=inp.dct_tid), fmt)
            target.write_text(text, encoding="utf-8")
        except KbError as e:
            click.echo(f"error: {inp.origin}: {e}", err=True)
            failed += 1
            continue
        except OSError as e:
            click.echo(f"error: {inp.origin}: cannot write {target} ({e.strerror or e})", err=True)
            failed += 1
            continue
        written[target] = inp.origin
    if failed:
        raise click.exceptions.Exit(1)
