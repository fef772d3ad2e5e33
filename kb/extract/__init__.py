"""Extraction: Document -> ArticleExtraction. Never touches the database.

The extractor seam: `kb add` calls `get_extractor()`; the default is the rule-based pipeline in
`kb.extract.pipeline`. Another extractor (a trained model, a test double) is registered with
`register_extractor(name, fn)` and chosen with `use_extractor(name)` or the KB_EXTRACTOR variable.
"""

from __future__ import annotations

import importlib
import os
from typing import Callable

from kb.document import Document
from kb.extract.records import ArticleExtraction

Extractor = Callable[[Document], ArticleExtraction]

_REGISTRY: dict[str, str | Extractor] = {"rules": "kb.extract.pipeline:extract_article"}
_CHOSEN: str | None = None


def register_extractor(name: str, fn: str | Extractor) -> None:
    """Register an extractor: a callable, or 'module:function' imported on first use."""
    _REGISTRY[name] = fn


def use_extractor(name: str) -> None:
    global _CHOSEN
    if name not in _REGISTRY:
        raise KeyError(name)
    _CHOSEN = name


def get_extractor() -> Extractor:
    name = _CHOSEN or os.environ.get("KB_EXTRACTOR") or "rules"
    fn = _REGISTRY[name]
    if isinstance(fn, str):
        module, attr = fn.split(":")
        fn = getattr(importlib.import_module(module), attr)
        _REGISTRY[name] = fn
    return fn
