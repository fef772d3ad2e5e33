"""TIMEX3 tagging of a plain text with the project's one time layer (`kb.extract.time`).

Nothing here recognises or normalises time: `tag` calls `kb.extract.time.find_times` (looked up
at call time, so the meeting extractor and `kb timex` always run the same code) and turns its
`TimeExpr` objects into TIMEX3 `Timex` spans: numbered ``tid``s, spans that do not overlap (TimeML
cannot express overlapping TIMEX3s), and ``anchorTimeID`` pointing at the DCT for values that were
resolved against it.
"""

from __future__ import annotations

from datetime import date

from kb.timex.timeml import Timex

__all__ = ["tag", "to_timex", "TIMEX3_TYPES"]

TIMEX3_TYPES = ("DATE", "TIME", "DURATION", "SET")

# `TimeExpr.basis` values meaning the value came from the text alone, not from the DCT.
_NOT_ANCHORED = frozenset({"", "absolute", "explicit", "text", "literal", "none", "self", "duration", "set"})


def _time_layer():
    # Imported lazily: the time layer may load data files; `kb timex --help` should not wait for it.
    from kb.extract import time as time_layer

    return time_layer


def to_timex(expr, text: str, tid: str, dct_tid: str | None = "t0") -> Timex:
    """One `kb.extract.time.TimeExpr` as a TIMEX3 span of `text`."""
    basis = (getattr(expr, "basis", "") or "").lower()
    anchored = bool(dct_tid) and expr.type in ("DATE", "TIME") and basis not in _NOT_ANCHORED
    return Timex(
        start=expr.start,
        end=expr.end,
        text=text[expr.start:expr.end],
        type=expr.type,
        value=expr.value or "",
        tid=tid,
        mod=getattr(expr, "mod", None) or None,
        anchor_tid=dct_tid if anchored else None,
    )


def _non_overlapping(exprs, text_len: int) -> list:
    """Longest first, then leftmost: keep each expression that overlaps none already kept."""
    kept: list = []
    for e in sorted(exprs, key=lambda e: (-(e.end - e.start), e.start)):
        if not (0 <= e.start < e.end <= text_len) or e.type not in TIMEX3_TYPES:
            continue
        if any(e.start < k.end and k.start < e.end for k in kept):
            continue
        kept.append(e)
    return sorted(kept, key=lambda e: e.start)


def tag(text: str, lang: str, published: date | None, *, dct_tid: str | None = "t0") -> list[Timex]:
    """TIMEX3 spans of `text` (offsets into `text`), values anchored to `published`.

    `dct_tid` is the tid of the document creation time, referred to by ``anchorTimeID``; our
    own TIMEX3s are numbered t1, t2, ... in text order.
    """
    exprs = _time_layer().find_times(text, lang, published)
    if published is None:
        dct_tid = None
    out = []
    n = 0
    for e in _non_overlapping(exprs, len(text)):
        n += 1
        if f"t{n}" == dct_tid:  # never reuse the DCT's tid
            n += 1
        out.append(to_timex(e, text, f"t{n}", dct_tid))
    return out
