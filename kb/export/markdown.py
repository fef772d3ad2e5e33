"""Markdown: the timeline grouped by year, one bullet per meeting, sources as footnotes.

Every piece of stored text is escaped for CommonMark (backslash before punctuation that could start
markup, including '<' so no raw HTML gets through); footnotes use the common `[^n]` extension and
read "outlet, published date, article: “evidence sentence”".
"""

from __future__ import annotations

import re

from kb.export.common import KIND_LABELS, duration_label, one_line, people_label, place_label, when_label, year_of

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~]|&(?=[#A-Za-z0-9]))")


def esc(text) -> str:
    """Text made inert for Markdown (one line, punctuation backslash-escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def render(meetings: list[dict], *, title: str | None = None, **_options) -> str:
    lines = [f"# {esc(title or 'Timeline of meetings')}", ""]
    dated = [m for m in meetings if year_of(m) is not None]
    undated = [m for m in meetings if year_of(m) is None]
    n = len(meetings)
    lines.append(f"{n} meeting{'s' if n != 1 else ''}"
                 + (f", {len(undated)} without a known date" if undated else "") + ".")
    notes: list[str] = []
    groups: dict[str, list[dict]] = {}
    for m in sorted(dated, key=lambda m: (year_of(m),)):
        groups.setdefault(str(year_of(m)), []).append(m)
    if undated:
        groups["Date unknown"] = undated
    for heading, items in groups.items():
        lines += ["", f"## {esc(heading)}", ""]
        for m in items:
            lines.append("- " + _bullet(m, notes))
    if notes:
        lines += ["", "## Sources", ""] + notes
    return "\n".join(lines) + "\n"


def _bullet(m: dict, notes: list[str]) -> str:
    parts = [f"**{esc(when_label(m))}**", esc(people_label(m))]
    parts.append(esc(place_label(m)) if place_label(m) else "_place unknown_")
    how = [KIND_LABELS.get(m.get("kind"), m.get("kind") or "")]
    status = m.get("status") or "occurred"
    how.append(f"**{status}**" if status != "occurred" else status)
    if duration_label(m):
        how.append(esc(duration_label(m)))
    parts.append(", ".join(how))
    text = " — ".join(parts)
    if m.get("occasion"):
        text += f" — {esc(m['occasion'])}"
    if m.get("topics"):
        text += f" (topics: {esc('; '.join(m['topics']))})"
    refs = []
    for s in m.get("sources") or []:
        k = len(notes) + 1
        refs.append(f"[^{k}]")
        where = ", ".join(esc(x) for x in (s.get("source"), s.get("published"), s.get("article")) if x)
        notes.append(f"[^{k}]: {where}: “{esc(s.get('evidence') or '')}”")
    if refs:
        text += " " + "".join(refs)
    if m.get("conflicts"):
        text += f" — _conflicts: {esc('; '.join(m['conflicts']))}_"
    if m.get("id") is not None:
        text += f" (kb meeting {esc(m['id'])})"
    return text
