"""Readable terminal output of meetings."""

from __future__ import annotations


def _when(m: dict) -> str:
    if m["date"]:
        if m.get("granularity") in ("season", "range", "week") and m.get("date_start"):
            return f"{m['date']} ({m['date_start']}..{m['date_end']})"
        return m["date"]
    return "date unknown"


def render_table(meetings: list[dict]) -> str:
    if not meetings:
        return "no meetings"
    lines = []
    for m in meetings:
        where = ", ".join(x for x in (m.get("place"), m.get("country")) if x) or "place unknown"
        extra = [] if m["status"] == "occurred" else [m["status"].upper()]
        if m["kind"] != "in_person":
            extra.append(m["kind"])
        if m.get("duration_minutes"):
            extra.append(("≤" if m.get("duration_mod") == "at_most" else "") + f"{m['duration_minutes']} min")
        tail = f"  [{', '.join(extra)}]" if extra else ""
        lines.append(f"#{m['id']:<5} {_when(m):<28} {where:<28} {' & '.join(m['participants'])}{tail}"
                     f"  ({len(m['sources'])} source{'s' if len(m['sources']) != 1 else ''})")
    return "\n".join(lines)


def describe(m: dict) -> str:
    out = [f"Meeting #{m['id']}: {' & '.join(m['participants'])}",
           f"  when:     {_when(m)}",
           f"  where:    {', '.join(x for x in (m.get('place'), m.get('country')) if x) or 'unknown'}",
           f"  kind:     {m['kind']}   status: {m['status']}"]
    if m.get("duration_minutes"):
        out.append(f"  duration: {'at most ' if m.get('duration_mod') == 'at_most' else ''}{m['duration_minutes']} minutes")
    if m.get("occasion"):
        out.append(f"  occasion: {m['occasion']}")
    if m.get("topics"):
        out.append(f"  topics:   {'; '.join(m['topics'])}")
    out.append("  sources:")
    for s in m["sources"]:
        out.append(f"    - {s['article']} ({s.get('source') or '?'}, {s.get('published') or 'undated'}): {s['evidence']}")
    if m.get("conflicts"):
        out.append("  conflicts:")
        out.extend(f"    - {c}" for c in m["conflicts"])
    return "\n".join(out)
