"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).

- `start_date` carries only the fields the store knows: {year}, {year, month} or {year, month, day};
  a season or quarter gets month-precision `start_date`/`end_date`, a week or range day-precision ones,
  a month- or year-precision meeting just its start (TimelineJS shows it at that precision).
- `text.headline` and `text.text` are HTML (TimelineJS renders them as such), so every stored value in
  them is HTML-escaped; `text.text` lists kind, status, duration, occasion, topics and each source with
  its evidence sentence.
- `group` is the kind of contact ("In person", "Phone call", "Video call"); `unique_id` the meeting uid.
- Meetings without a date cannot be placed on a timeline and are left out; the title slide says how many.
"""

from __future__ import annotations

import json
from html import escape

from kb.export.common import KIND_LABELS, duration_label, people_label, place_label, precision, span, when_label


def _date_obj(d, fields: tuple[str, ...]) -> dict:
    full = {"year": d.year, "month": d.month, "day": d.day}
    return {k: full[k] for k in fields}


def dates(m: dict) -> tuple[dict, dict | None] | None:
    p = precision(m)
    if p is None:
        return None
    first, last = span(m)
    if p == "day":
        return _date_obj(first, ("year", "month", "day")), (
            _date_obj(last, ("year", "month", "day")) if last != first else None)
    if p == "month":
        return _date_obj(first, ("year", "month")), None
    if p == "year":
        return _date_obj(first, ("year",)), None
    fields = ("year", "month") if (m.get("granularity") in ("season", "quarter") and first.day == 1) else (
        "year", "month", "day")
    return _date_obj(first, fields), _date_obj(last, fields)


def headline(m: dict) -> str:
    h = people_label(m)
    if m.get("place"):
        h += f" in {m['place']}"
    if m.get("status") in ("planned", "cancelled"):
        h += f" ({m['status']})"
    return escape(h)


def body(m: dict) -> str:
    facts = [KIND_LABELS.get(m.get("kind"), m.get("kind") or ""), m.get("status") or ""]
    if duration_label(m):
        facts.append(duration_label(m))
    parts = [f"<p>{escape(' · '.join(x for x in facts if x))}</p>"]
    if place_label(m):
        parts.append(f"<p>{escape(place_label(m))}</p>")
    if m.get("occasion"):
        parts.append(f"<p>Occasion: {escape(m['occasion'])}</p>")
    if m.get("topics"):
        parts.append(f"<p>Topics: {escape('; '.join(m['topics']))}</p>")
    if m.get("sources"):
        items = []
        for s in m["sources"]:
            head = ", ".join(x for x in (s.get("source"), s.get("published")) if x) or s.get("article") or "source"
            items.append(f"<li><b>{escape(head)}</b>: “{escape(s.get('evidence') or '')}”</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    if m.get("conflicts"):
        parts.append(f"<p>Conflicts: {escape('; '.join(m['conflicts']))}</p>")
    return "".join(parts)


def event(m: dict) -> dict | None:
    d = dates(m)
    if d is None:
        return None
    start, end = d
    ev = {"start_date": start}
    if end is not None:
        ev["end_date"] = end
    if precision(m) != "day":
        ev["display_date"] = when_label(m)
    ev["text"] = {"headline": headline(m), "text": body(m)}
    ev["group"] = KIND_LABELS.get(m.get("kind"), m.get("kind") or "meeting").capitalize()
    ev["unique_id"] = str(m.get("uid") or m.get("id"))
    return ev


def document(meetings: list[dict], *, title: str | None = None) -> dict:
    events = [e for e in (event(m) for m in meetings) if e is not None]
    left_out = len(meetings) - len(events)
    intro = f"{len(events)} meeting{'s' if len(events) != 1 else ''}"
    if left_out:
        intro += f"; {left_out} without a known date not shown"
    return {"title": {"text": {"headline": escape(title or "Timeline of meetings"), "text": f"<p>{escape(intro)}</p>"}},
            "events": events}


def render(meetings: list[dict], *, title: str | None = None, **_options) -> str:
    return json.dumps(document(meetings, title=title), ensure_ascii=False, indent=2) + "\n"
