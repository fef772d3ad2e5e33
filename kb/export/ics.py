"""iCalendar (RFC 5545), built with the `icalendar` library: one all-day VEVENT per dated meeting.

- DTSTART/DTEND are DATE values at the meeting's precision: a day is that day; a month spans the whole
  month; a year the whole year; a season, week or range its interval (DTEND is exclusive, the day after).
- STATUS: occurred -> CONFIRMED, planned -> TENTATIVE, cancelled -> CANCELLED.
- UID is the meeting's stable uid + "@kb", so re-exports update calendar entries instead of duplicating them.
- DTSTAMP is deterministic: the latest publication date among the meeting's sources (midnight UTC), else
  its first day, so the same store gives byte-identical output.
- Meetings without a date cannot be placed in a calendar: they are left out, and each is named in an
  `X-KB-UNDATED` property of the calendar ("uid: participants (status)").
"""

from __future__ import annotations

from datetime import datetime, timezone

from icalendar import Calendar, Event

from kb.export.common import KIND_LABELS, duration_label, next_day, people_label, place_label, span, when_label

ICAL_STATUS = {"occurred": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}


def summary(m: dict) -> str:
    text = people_label(m)
    if m.get("place"):
        text += f", {m['place']}"
    if m.get("kind") in ("phone", "video"):
        text += f" ({KIND_LABELS[m['kind']]})"
    if m.get("status") in ("planned", "cancelled"):
        text += f" [{m['status']}]"
    return text


def description(m: dict) -> str:
    lines = [f"When: {when_label(m)}",
             f"How: {KIND_LABELS.get(m.get('kind'), m.get('kind'))}, {m.get('status')}"]
    if duration_label(m):
        lines.append(f"Duration: {duration_label(m)}")
    if m.get("occasion"):
        lines.append(f"Occasion: {m['occasion']}")
    if m.get("topics"):
        lines.append(f"Topics: {'; '.join(m['topics'])}")
    if m.get("sources"):
        lines.append("Sources:")
        for s in m["sources"]:
            head = ", ".join(x for x in (s.get("source"), s.get("published"), s.get("article")) if x)
            lines.append(f"- {head}: \"{s.get('evidence') or ''}\"")
    if m.get("conflicts"):
        lines.append("Conflicts: " + "; ".join(m["conflicts"]))
    lines.append(f"kb meeting #{m.get('id')}")
    return "\n".join(lines)


def _stamp(m: dict, first_day) -> datetime:
    published = sorted(s["published"] for s in m.get("sources") or [] if s.get("published"))
    d = datetime.fromisoformat(published[-1]) if published else datetime(first_day.year, first_day.month, first_day.day)
    return d.replace(tzinfo=timezone.utc)


def render(meetings: list[dict], *, title: str | None = None, **_options) -> str:
    cal = Calendar()
    cal.add("prodid", "-//kb//event timeline of meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title or "kb: meetings")
    for m in meetings:
        s = span(m)
        if s is None:
            cal.add("x-kb-undated", f"{m.get('uid')}: {people_label(m)} ({m.get('status')})")
            continue
        first, last = s
        ev = Event()
        ev.add("uid", f"{m.get('uid') or m.get('id')}@kb")
        ev.add("dtstamp", _stamp(m, first))
        ev.add("dtstart", first)
        ev.add("dtend", next_day(last))
        ev.add("summary", summary(m))
        ev.add("description", description(m))
        if place_label(m):
            ev.add("location", place_label(m))
        ev.add("status", ICAL_STATUS.get(m.get("status"), "CONFIRMED"))
        ev.add("transp", "TRANSPARENT")
        ev.add("categories", [KIND_LABELS.get(m.get("kind"), m.get("kind") or "meeting")])
        urls = [x.get("url") for x in m.get("sources") or [] if (x.get("url") or "").startswith(("http://", "https://"))]
        if urls:
            ev.add("url", urls[0])
        ev.add("x-kb-meeting-id", str(m.get("id")))
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8")
