"""A standalone HTML page: the chronological timeline grouped by year, with filters.

One file that works offline: the CSS and the script are inlined (kb/export/static/), nothing is loaded
from elsewhere (a Content-Security-Policy forbids it), and every stored value is escaped with
`html.escape`. The page is readable without the script; with it, a person select, year and status
checkboxes hide and show meetings. Filters are mirrored in the URL hash (`#person=Sergey%20Lavrov&year=2022`),
so a filtered view can be bookmarked or opened directly. Each meeting's sources and evidence sentences
are behind a <details> toggle. Source links are kept only for http(s) URLs.
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from pathlib import Path

from kb.export.common import KIND_LABELS, duration_label, people_label, place_label, when_label, year_of

STATIC = Path(__file__).resolve().parent / "static"
UNKNOWN_YEAR = "unknown"
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@lru_cache(maxsize=None)
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _year(m: dict) -> str:
    y = year_of(m)
    return str(y) if y is not None else UNKNOWN_YEAR


def _source(s: dict) -> str:
    head = ", ".join(e(x) for x in (s.get("source"), s.get("published")) if x) or "source"
    article = e(s.get("article") or "")
    url = s.get("url") or ""
    if url.startswith(("http://", "https://")):
        article = f'<a href="{e(url)}" rel="noopener noreferrer">{article or e(url)}</a>'
    return (f"<li><b>{head}</b>{' — ' + article if article else ''}"
            f"<blockquote>{e(s.get('evidence') or '')}</blockquote></li>")


def _meeting(m: dict) -> str:
    status = m.get("status") or "occurred"
    kind = m.get("kind") or "in_person"
    chips = [f'<span class="chip kind-{e(kind)}">{e(KIND_LABELS.get(kind, kind))}</span>',
             f'<span class="chip status-{e(status)}">{e(status)}</span>']
    if duration_label(m):
        chips.append(f'<span class="chip">{e(duration_label(m))}</span>')
    parts = [f'<div class="when">{e(when_label(m))}</div>',
             f'<div class="who">{e(people_label(m))}</div>',
             f'<div class="where">{e(place_label(m) or "place unknown")}</div>',
             f'<div class="chips">{"".join(chips)}</div>']
    if m.get("occasion"):
        parts.append(f'<div class="occasion">{e(m["occasion"])}</div>')
    if m.get("topics"):
        parts.append(f'<div class="topics">Topics: {e("; ".join(m["topics"]))}</div>')
    if m.get("conflicts"):
        parts.append(f'<div class="conflicts">Conflicts: {e("; ".join(m["conflicts"]))}</div>')
    sources = m.get("sources") or []
    n = len(sources)
    parts.append(f'<details><summary>{n} source{"s" if n != 1 else ""} and evidence</summary>'
                 f'<ul>{"".join(_source(s) for s in sources)}</ul></details>')
    people_json = json.dumps(m.get("participants") or [], ensure_ascii=False)
    return (f'<li class="meeting status-{e(status)} kind-{e(kind)}" id="meeting-{e(m.get("id"))}" '
            f'data-id="{e(m.get("id"))}" data-uid="{e(m.get("uid"))}" data-year="{e(_year(m))}" '
            f'data-status="{e(status)}" data-kind="{e(kind)}" data-people="{e(people_json)}">'
            + "".join(parts) + "</li>")


def render(meetings: list[dict], *, title: str | None = None, **_options) -> str:
    title = title or "Timeline of meetings"
    groups: dict[str, list[dict]] = {}
    for m in meetings:  # already chronological; undated ones come last
        groups.setdefault(_year(m), []).append(m)
    order = sorted((y for y in groups if y != UNKNOWN_YEAR), key=int) + (
        [UNKNOWN_YEAR] if UNKNOWN_YEAR in groups else [])
    people = sorted({p for m in meetings for p in m.get("participants") or []}, key=str.casefold)
    statuses = [s for s in ("occurred", "planned", "cancelled") if any((m.get("status") or "occurred") == s for m in meetings)]

    dated = [m for m in meetings if year_of(m) is not None]
    span = f"{_year(dated[0])}–{_year(dated[-1])}" if dated else ""
    n = len(meetings)
    intro = f"{n} meeting{'s' if n != 1 else ''}" + (f", {span}" if span else "") + f", {len(people)} people."

    person_opts = '<option value="">Everyone</option>' + "".join(
        f'<option value="{e(p)}">{e(p)}</option>' for p in people)
    year_boxes = "".join(
        f'<label><input type="checkbox" name="year" value="{e(y)}" checked> {e(y if y != UNKNOWN_YEAR else "date unknown")}</label>'
        for y in order)
    status_boxes = "".join(
        f'<label><input type="checkbox" name="status" value="{e(s)}" checked> {e(s)}</label>' for s in statuses)
    sections = "".join(
        f'<section class="year" data-year="{e(y)}"><h2>{e(y if y != UNKNOWN_YEAR else "Date unknown")}</h2>'
        f'<ol class="meetings">{"".join(_meeting(m) for m in groups[y])}</ol></section>'
        for y in order)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="kb">
<title>{e(title)}</title>
<style>
{_static("timeline.css")}
</style>
</head>
<body>
<header><h1>{e(title)}</h1><p>{e(intro)}</p></header>
<nav class="filters" aria-label="Filters">
<form id="kb-filters">
<label><b>Person</b> <select id="kb-person" name="person">{person_opts}</select></label>
<fieldset><legend>Year</legend>{year_boxes}</fieldset>
<fieldset><legend>Status</legend>{status_boxes}</fieldset>
<button type="button" id="kb-reset">Show all</button>
<button type="button" id="kb-open-all">Sources</button>
<span id="kb-count" aria-live="polite">{n} meeting{'s' if n != 1 else ''}</span>
</form>
</nav>
<main>
<p id="kb-empty" class="empty"{'' if not meetings else ' hidden'}>No meetings match.</p>
{sections}
</main>
<script>
{_static("timeline.js")}
</script>
</body>
</html>
"""
