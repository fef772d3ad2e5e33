"""Readable terminal output of meetings (the labels are shared with the other exports)."""

from __future__ import annotations

from kb.export.common import duration_label, people_label, place_label, when_label


def render_table(meetings: list[dict]) -> str:
    if not meetings:
        return "no meetings"
    lines = []
    for m in meetings:
        extra = [] if m["status"] == "occurred" else [m["status"].upper()]
        if m["kind"] != "in_person":
            extra.append(m["kind"])
        if duration_label(m):
            extra.append(duration_label(m))
        tail = f"  [{', '.join(extra)}]" if extra else ""
        n = len(m["sources"])
        lines.append(f"#{m['id']:<5} {when_label(m):<32} {place_label(m) or 'place unknown':<26} {people_label(m)}{tail}"
                     f"  ({n} source{'s' if n != 1 else ''})")
    return "\n".join(lines)


def describe(m: dict) -> str:
    out = [f"Meeting #{m['id']}: {people_label(m)}",
           f"  when:     {when_label(m)}",
           f"  where:    {place_label(m) or 'unknown'}",
           f"  kind:     {m['kind']}   status: {m['status']}"]
    if duration_label(m):
        out.append(f"  duration: {duration_label(m)}")
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
