"""Timeline exports: one module per format, each `render(meetings: list[dict], **options) -> str`.

Options every format accepts (and may ignore): `title`. See each module's docstring for its choices
(for example, how undated meetings are handled in `ics` and `timelinejs`).
"""

from __future__ import annotations

import importlib

FORMATS = {
    "json": "kb.export.json_format",
    "csv": "kb.export.csv_format",
    "md": "kb.export.markdown",
    "ics": "kb.export.ics",
    "timelinejs": "kb.export.timelinejs",
    "html": "kb.export.html",
}


def render(fmt: str, meetings: list[dict], **options) -> str:
    try:
        module = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}") from None
    return importlib.import_module(module).render(meetings, **options)
