"""Merge the reports of one set of participants into meetings, with their sources and conflicts.

`merge_reports` is a pure function of a set of reports: it sorts them canonically first, so the result
does not depend on the order in which articles were added. Two reports describe the same meeting when
they share kind and status, their places agree (equal, or one unknown) and their date intervals
overlap. A relative date that lands within a year of the others at the same place ("Januari lalu" read
against a later publication date) is merged too, and the disagreement is kept as a conflict: the
better-supported reading wins (an explicit date over a relative one, more sources over fewer).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

BASIS_RANK = {"explicit": 3, "relative": 2, "inferred": 1, None: 0, "none": 0}
GRANULARITY_RANK = {"day": 6, "time": 6, "range": 5, "week": 4, "month": 3, "season": 2, "quarter": 2, "year": 1, None: 0}


@dataclass(frozen=True)
class ReportView:
    """What merging needs of a stored report."""

    report_id: int
    article_id: int
    article_hash: str
    article_label: str  # how a conflict message names the article (its origin or source)
    date: str | None
    date_start: date | None
    date_end: date | None
    granularity: str | None
    date_basis: str | None
    date_text: str | None
    place_id: int | None
    place_name: str | None
    place_country: str | None
    kind: str
    status: str
    duration_minutes: int | None
    duration_mod: str | None
    occasion: str | None
    topics: tuple[str, ...]
    conflicts: tuple[str, ...]
    span_start: int

    @property
    def sort_key(self):
        return (self.article_hash, self.span_start, self.report_id)


@dataclass
class MergedMeeting:
    uid: str
    reports: list[ReportView]
    date: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    granularity: str | None = None
    place_id: int | None = None
    kind: str = "in_person"
    status: str = "occurred"
    duration_minutes: int | None = None
    duration_mod: str | None = None
    occasion: str | None = None
    topics: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (field, message)


def _overlap(a: ReportView, b: ReportView) -> bool:
    if a.date_start is None or b.date_start is None:
        return True
    return a.date_start <= (b.date_end or b.date_start) and b.date_start <= (a.date_end or a.date_start)


def _near_relative(a: ReportView, b: ReportView) -> bool:
    """A relative reading that could be the same event misread by a year: same place, within ~13 months."""
    if a.date_start is None or b.date_start is None or a.place_id is None or a.place_id != b.place_id:
        return False
    if "relative" not in (a.date_basis, b.date_basis) or a.date_basis == b.date_basis:
        return False
    return abs((a.date_start - b.date_start).days) <= 400


def _places_agree(a: ReportView, b: ReportView) -> bool:
    """Equal, one unknown, or one is the country the other is in ("India" and "New Delhi")."""
    if a.place_id is None or b.place_id is None or a.place_id == b.place_id:
        return True
    return (a.place_name is not None and a.place_name == b.place_country) or \
        (b.place_name is not None and b.place_name == a.place_country)


def _is_country(r: ReportView) -> bool:
    return r.place_name is not None and r.place_name == r.place_country


def _compatible(a: ReportView, b: ReportView) -> bool:
    if a.kind != b.kind or a.status != b.status:
        return False
    if not _places_agree(a, b):
        return False
    return _overlap(a, b) or _near_relative(a, b)


def _cluster(reports: list[ReportView]) -> list[list[ReportView]]:
    clusters: list[list[ReportView]] = []
    for r in sorted(reports, key=lambda r: r.sort_key):
        dated = r.date_start is not None
        home = None
        for c in clusters:
            if all(_compatible(r, o) for o in c):
                if dated or home is None:
                    home = c
                    break
        if home is None and not dated:
            # an undated report joins a cluster only when exactly one compatible cluster exists
            candidates = [c for c in clusters if all(_compatible(r, o) for o in c)]
            home = candidates[0] if len(candidates) == 1 else None
        if home is None:
            clusters.append([r])
        else:
            home.append(r)
    return clusters


def _date_reading(r: ReportView):
    return (r.date, r.date_start, r.date_end, r.granularity)


def _merge_one(cluster: list[ReportView], key: str) -> MergedMeeting:
    first = min(cluster, key=lambda r: r.sort_key)
    uid = hashlib.sha1(f"{key}|{first.article_hash}|{first.span_start}|{first.kind}|{first.status}|"
                       f"{first.place_name}|{first.date}".encode()).hexdigest()[:20]
    m = MergedMeeting(uid=uid, reports=sorted(cluster, key=lambda r: r.sort_key), kind=first.kind, status=first.status)

    dated = [r for r in m.reports if r.date is not None]
    if dated:
        support = Counter(_date_reading(r) for r in dated)

        def strength(reading):
            rs = [r for r in dated if _date_reading(r) == reading]
            return (max(BASIS_RANK.get(r.date_basis, 0) for r in rs), support[reading],
                    GRANULARITY_RANK.get(reading[3], 0), str(reading[0]))

        best = max(support, key=strength)
        m.date, m.date_start, m.date_end, m.granularity = best
        agreeing = sum(1 for r in dated if _within(r, m))
        for r in dated:
            if not _within(r, m):
                m.conflicts.append(("date", f"{r.article_label}: '{r.date_text or r.date}' reads {r.date}; "
                                            f"{agreeing} other source(s) agree on {m.date}"))

    # the most specific place wins (a city over its country), then the best supported
    specific = [r for r in m.reports if r.place_id is not None and not _is_country(r)] or \
        [r for r in m.reports if r.place_id is not None]
    places = Counter(r.place_id for r in specific)
    if places:
        m.place_id = max(places, key=lambda p: (places[p], -p))
        chosen = next(r for r in m.reports if r.place_id == m.place_id)
        names = {r.place_name for r in m.reports if r.place_id is not None and r.place_id != m.place_id
                 and r.place_name != chosen.place_country}
        for n in sorted(n for n in names if n):
            m.conflicts.append(("place", f"another source places it in {n}"))

    durations = [r for r in m.reports if r.duration_minutes is not None]
    if durations:
        exact = [r for r in durations if r.duration_mod is None] or durations
        counts = Counter((r.duration_minutes, r.duration_mod) for r in exact)
        m.duration_minutes, m.duration_mod = max(counts, key=lambda d: (counts[d], -d[0]))
        others = sorted({r.duration_minutes for r in durations} - {m.duration_minutes})
        if others and m.duration_mod is None:
            m.conflicts.append(("duration", f"sources also give {', '.join(map(str, others))} minutes"))

    occasions = Counter(r.occasion for r in m.reports if r.occasion)
    if occasions:
        m.occasion = max(occasions, key=lambda o: (occasions[o], len(o), o))

    seen = set()
    for r in m.reports:
        for t in r.topics:
            k = t.casefold()
            if k not in seen:
                seen.add(k)
                m.topics.append(t)
        for c in r.conflicts:
            if ("date", c) not in m.conflicts:
                m.conflicts.append(("date", c))
    return m


def _within(r: ReportView, m: MergedMeeting) -> bool:
    """A coarser or finer reading that agrees (2022-01 vs 2022-01-21) is not a conflict."""
    if r.date_start is None or m.date_start is None:
        return True
    return r.date_start <= (m.date_end or m.date_start) and m.date_start <= (r.date_end or r.date_start)


def merge_reports(key: str, reports: list[ReportView]) -> list[MergedMeeting]:
    """Merged meetings of one participants key, in a canonical order."""
    merged = [_merge_one(c, key) for c in _cluster(reports)]
    return sorted(merged, key=lambda m: (m.date_start or date.max, m.uid))
