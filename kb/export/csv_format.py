"""CSV: one row per meeting (RFC 4180, CRLF line ends, a header row).

Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) are
neutralised with a leading apostrophe, so an evidence sentence can never become a live formula.
Lists are joined with '; '.
"""

from __future__ import annotations

import csv
import io

COLUMNS = ["id", "uid", "date", "date_start", "date_end", "participants", "place", "country", "kind", "status",
           "duration_minutes", "duration_mod", "occasion", "topics", "sources", "published", "outlets", "evidence",
           "conflicts"]

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The text of a cell, with formula triggers neutralised."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def row(m: dict) -> list[str]:
    sources = m.get("sources") or []
    cells = {
        "id": m.get("id"), "uid": m.get("uid"), "date": m.get("date"), "date_start": m.get("date_start"),
        "date_end": m.get("date_end"), "participants": "; ".join(m.get("participants") or []),
        "place": m.get("place"), "country": m.get("country"), "kind": m.get("kind"), "status": m.get("status"),
        "duration_minutes": m.get("duration_minutes"), "duration_mod": m.get("duration_mod"),
        "occasion": m.get("occasion"), "topics": "; ".join(m.get("topics") or []),
        "sources": "; ".join(s.get("article") or "" for s in sources),
        "published": "; ".join(s.get("published") or "" for s in sources),
        "outlets": "; ".join(s.get("source") or "" for s in sources),
        "evidence": sources[0].get("evidence") if sources else None,
        "conflicts": "; ".join(m.get("conflicts") or []),
    }
    return [safe_cell(cells[c]) for c in COLUMNS]


def render(meetings: list[dict], **_options) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for m in meetings:
        w.writerow(row(m))
    return out.getvalue()
