"""The `kb ask` command: a thin layer over kb.query.ask.

Exit status: 0 when the question was answered, when the store has no answer, or when the question is
not one `kb ask` understands (the message says so); 1 (with an `error:` line) when the question names
a person or place that is not in the store, or an ambiguous name.
"""

from __future__ import annotations

import json

import click


@click.command()
@click.argument("question")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Answer in this language (detected from the question when not given).")
@click.pass_context
def ask(ctx, question, fmt, lang):
    """Answer a timeline question in Indonesian or English, citing meetings and sources.

    \b
    kb ask "Kapan terakhir kali Blinken dan Lavrov bertemu?"
    kb ask "Who did Lavrov meet in Geneva?" --format json
    """
    from kb.api import KnowledgeBase
    from kb.query.ask import ask as answer_question

    kb = KnowledgeBase(ctx.obj["db"])
    with kb.session() as s:
        result = answer_question(s, question, lang=lang)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(result.answer)
    if result.meetings:
        click.echo("")
        for m in result.meetings:
            when = m.get("date") or "date unknown"
            where = ", ".join(x for x in (m.get("place"), m.get("country")) if x) or "-"
            extra = "" if m["status"] == "occurred" else f" [{m['status']}]"
            kind = "" if m["kind"] == "in_person" else f" ({m['kind']})"
            click.echo(f"  #{m['id']:<5} {when:<11} {where:<24} {' & '.join(m['participants'])}{kind}{extra}")
            for src in m.get("sources") or []:
                click.echo(f"         {src.get('source') or '?'}, {src.get('published') or 'undated'}, "
                           f"{src.get('article')}: {src.get('evidence')}")
