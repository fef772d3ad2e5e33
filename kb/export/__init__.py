"""Timeline exports: one module per format, each `render(meetings: list[dict]) -> str`."""

from __future__ import annotations

import importlib

FORMATS = {
    "json": "kb.export.json_format",
}


def render(fmt: str, meetings: list[dict], **options) -> str:
    try:
        module = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}") from None
    return importlib.import_module(module).render(meetings, **options)
