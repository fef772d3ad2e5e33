"""Score the TIMEX3 tagger on gold TimeML documents, the TempEval-3 way.

    python -m kb.timex.eval DIR_OR_FILE... [--lang en|id] [-v]

Every ``.tml`` file under the folders is read as gold; the tagger runs on its plain text,
anchored to its DCT.  Per language (``--lang`` forces one; otherwise the document's own
``xml:lang`` or a guess from its words) it prints:

* strict match: precision, recall and F1 of spans with exactly the gold extent;
* relaxed match: the same where any overlap counts (TempEval-3: precision is the share of our
  spans that overlap a gold span, recall the share of gold spans overlapped by one of ours);
* value F1 and type F1: relaxed F1 times the share of relaxed-matched gold spans whose paired
  span (the exact one, else the one with the largest overlap) has the same ``value`` / ``type``.

``-v`` lists, per document, misses (gold spans nothing overlaps), extras (our spans that overlap
no gold), wrong extents, wrong values and wrong types.  `evaluate` returns the same figures.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import click

from kb.errors import KbError
from kb.timex.inputs import guess_lang
from kb.timex.timeml import Timex, TimeMLDoc, read_timeml

__all__ = ["Counts", "Finding", "score_document", "evaluate", "format_report", "gold_files", "main"]


@dataclass(frozen=True)
class Finding:
    """One difference between gold and system, for -v."""

    kind: str  # MISS, EXTRA, SPAN, VALUE, TYPE
    doc: str
    gold: Timex | None
    system: Timex | None

    def line(self) -> str:
        g, s = self.gold, self.system
        where = f"{self.doc}:{(g or s).start}"
        if self.kind == "MISS":
            return f"MISS   {where}  {g.text!r}  {g.type} {g.value}"
        if self.kind == "EXTRA":
            return f"EXTRA  {where}  {s.text!r}  {s.type} {s.value}"
        if self.kind == "SPAN":
            return f"SPAN   {where}  gold {g.text!r}  ours {s.text!r}"
        if self.kind == "VALUE":
            return f"VALUE  {where}  {g.text!r}  gold {g.value}  ours {s.value}" + (
                f"  (ours spans {s.text!r})" if (s.start, s.end) != (g.start, g.end) else "")
        return f"TYPE   {where}  {g.text!r}  gold {g.type}  ours {s.type}"


@dataclass
class Counts:
    """Match counts over some documents; the figures are properties."""

    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0  # gold spans with a system span of exactly the same extent
    relaxed_gold: int = 0  # gold spans overlapped by a system span
    relaxed_system: int = 0  # system spans overlapping a gold span
    value_ok: int = 0  # relaxed-matched gold spans whose paired system span has the gold value
    type_ok: int = 0  # ... the gold type
    findings: list[Finding] = field(default_factory=list)

    def add(self, other: "Counts") -> None:
        for name in ("documents", "gold", "system", "strict", "relaxed_gold", "relaxed_system", "value_ok", "type_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.findings.extend(other.findings)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_p(self) -> float:
        return self._ratio(self.strict, self.system)

    @property
    def strict_r(self) -> float:
        return self._ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        return self._f1(self.strict_p, self.strict_r)

    @property
    def relaxed_p(self) -> float:
        return self._ratio(self.relaxed_system, self.system)

    @property
    def relaxed_r(self) -> float:
        return self._ratio(self.relaxed_gold, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return self._f1(self.relaxed_p, self.relaxed_r)

    @property
    def value_accuracy(self) -> float:
        return self._ratio(self.value_ok, self.relaxed_gold)

    @property
    def type_accuracy(self) -> float:
        return self._ratio(self.type_ok, self.relaxed_gold)

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    def figures(self) -> dict[str, float | int]:
        """The figures as a dict of percentages (and the counts)."""
        pct = lambda x: round(100 * x, 2)  # noqa: E731
        return {
            "documents": self.documents, "gold": self.gold, "system": self.system,
            "strict_p": pct(self.strict_p), "strict_r": pct(self.strict_r), "strict_f1": pct(self.strict_f1),
            "relaxed_p": pct(self.relaxed_p), "relaxed_r": pct(self.relaxed_r), "relaxed_f1": pct(self.relaxed_f1),
            "value_accuracy": pct(self.value_accuracy), "value_f1": pct(self.value_f1),
            "type_accuracy": pct(self.type_accuracy), "type_f1": pct(self.type_f1),
        }


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def score_document(gold: Iterable[Timex], system: Iterable[Timex], doc: str = "") -> Counts:
    """Counts for one document's gold and system TIMEX3 spans (offsets into the same text)."""
    gold, system = list(gold), list(system)
    c = Counts(documents=1, gold=len(gold), system=len(system))
    exact = {(s.start, s.end) for s in system}
    matched_system: set[int] = set()
    for g in gold:
        if (g.start, g.end) in exact:
            c.strict += 1
        overlapping = [(i, s) for i, s in enumerate(system) if _overlap(g, s) > 0]
        if not overlapping:
            c.findings.append(Finding("MISS", doc, g, None))
            continue
        c.relaxed_gold += 1
        matched_system.update(i for i, _ in overlapping)
        # The paired span: the exact one, else the largest overlap, else the leftmost.
        _, s = max(overlapping, key=lambda p: ((p[1].start, p[1].end) == (g.start, g.end), _overlap(g, p[1]), -p[1].start))
        if (s.start, s.end) != (g.start, g.end):
            c.findings.append(Finding("SPAN", doc, g, s))
        if s.value == g.value:
            c.value_ok += 1
        else:
            c.findings.append(Finding("VALUE", doc, g, s))
        if s.type == g.type:
            c.type_ok += 1
        else:
            c.findings.append(Finding("TYPE", doc, g, s))
    c.relaxed_system = len(matched_system)
    for i, s in enumerate(system):
        if i not in matched_system:
            c.findings.append(Finding("EXTRA", doc, None, s))
    c.findings.sort(key=lambda f: ((f.gold or f.system).start, f.kind))
    return c


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.tml`` files named, and those under the folders named, sorted per folder."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*.tml") if f.is_file()))
        elif p.exists():
            out.append(p)
        else:
            raise KbError(f"{p}: no such file or folder")
    return out


Tagger = Callable[[str, str, object], list[Timex]]


def _default_tagger(text: str, lang: str, published) -> list[Timex]:
    from kb.timex.tagger import tag

    return tag(text, lang, published)


def evaluate(paths: Iterable[str | Path], lang: str | None = None, tagger: Tagger | None = None) -> dict[str, Counts]:
    """Run `tagger` (default: the time layer) over every gold ``.tml`` under `paths`.

    Returns the counts per language code, in order of first appearance. `lang` forces the
    language of every document; otherwise it comes from the document or is guessed.
    """
    tagger = tagger or _default_tagger
    results: dict[str, Counts] = {}
    for f in gold_files(paths):
        doc: TimeMLDoc = read_timeml(f)
        doc_lang = lang or doc.lang or guess_lang(doc.text, "en")
        system = tagger(doc.text, doc_lang, doc.dct)
        results.setdefault(doc_lang, Counts()).add(score_document(doc.timexes, system, doc=f.name))
    return results


def format_report(results: dict[str, Counts], verbose: bool = False) -> str:
    """The printed report: per language, -v findings first, then the figures."""
    lines: list[str] = []
    for lang, c in results.items():
        if verbose:
            lines.extend(f.line() for f in c.findings)
            lines.append("")
        lines.append(f"{lang}: {c.documents} documents, {c.gold} gold TIMEX3, {c.system} tagged")
        lines.append(f"{'':12}{'P':>8}{'R':>8}{'F1':>8}")
        lines.append(f"{'strict':12}{100 * c.strict_p:8.2f}{100 * c.strict_r:8.2f}{100 * c.strict_f1:8.2f}")
        lines.append(f"{'relaxed':12}{100 * c.relaxed_p:8.2f}{100 * c.relaxed_r:8.2f}{100 * c.relaxed_f1:8.2f}")
        lines.append(f"{'value F1':12}{'':16}{100 * c.value_f1:8.2f}   (value right in {100 * c.value_accuracy:.2f}% of relaxed matches)")
        lines.append(f"{'type F1':12}{'':16}{100 * c.type_f1:8.2f}   (type right in {100 * c.type_accuracy:.2f}% of relaxed matches)")
        lines.append("")
    return "\n".join(lines)


@click.command("timex-eval")
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(["en", "id"]), default=None, help="Language of every document (default: per document).")
@click.option("-v", "--verbose", is_flag=True, help="List misses, extras, wrong extents, values and types.")
def main(paths: tuple[str, ...], lang: str | None, verbose: bool) -> None:
    """Score `kb timex` on the gold TimeML (.tml) files under PATHS (TempEval-3 figures)."""
    try:
        results = evaluate(paths, lang=lang)
    except KbError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if not results:
        click.echo(f"error: no .tml files under {' '.join(paths)}", err=True)
        sys.exit(1)
    click.echo(format_report(results, verbose=verbose))


if __name__ == "__main__":
    main()
