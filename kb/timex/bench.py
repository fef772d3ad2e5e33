"""Speed of `kb timex` tagging next to the bare spaCy tokenizer, on the same text in one run.

    python -m kb.timex.bench [DIR_OR_FILE...] [--lang en|id] [--repeat N]

Default input: the timeml-en development data (``../shared/dev/timeml-en`` from the project).
Both sides see the same paragraphs (the plain text of each document's ``<TEXT>``, split at blank
lines); words are whitespace-separated tokens. Loading (the time layer's first call, the spaCy
pipeline) is timed separately and not counted in the words-per-second figures.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import click

from kb.timex.eval import gold_files
from kb.timex.inputs import guess_lang
from kb.timex.timeml import read_timeml

__all__ = ["BenchResult", "bench", "DEFAULT_DATA"]

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "dev" / "timeml-en"


@dataclass(frozen=True)
class BenchResult:
    documents: int
    paragraphs: int
    words: int
    tagger_seconds: float
    tokenizer_seconds: float
    tagger_load_seconds: float
    tokenizer_load_seconds: float
    timexes: int

    @property
    def tagger_wps(self) -> float:
        return self.words / self.tagger_seconds if self.tagger_seconds else float("inf")

    @property
    def tokenizer_wps(self) -> float:
        return self.words / self.tokenizer_seconds if self.tokenizer_seconds else float("inf")

    @property
    def ratio(self) -> float:
        """How many times slower than the bare tokenizer the tagger is."""
        return self.tokenizer_wps / self.tagger_wps if self.tagger_wps else float("inf")

    def report(self) -> str:
        return (
            f"{self.documents} documents, {self.paragraphs} paragraphs, {self.words} words, {self.timexes} TIMEX3 tagged\n"
            f"kb timex tagging     {self.tagger_wps:12,.0f} words/s   (first call/load {self.tagger_load_seconds:.2f} s)\n"
            f"spaCy blank tokenizer{self.tokenizer_wps:12,.0f} words/s   (load {self.tokenizer_load_seconds:.2f} s)\n"
            f"ratio                {self.ratio:12.1f} x slower than the bare tokenizer"
        )


def bench(paths=None, *, lang: str | None = None, repeat: int = 1) -> BenchResult:
    """Time tagging (document by document, as `kb timex` does) and the blank tokenizer (paragraphs)."""
    import spacy

    from kb.timex.tagger import tag

    docs = [read_timeml(f) for f in gold_files(paths or [DEFAULT_DATA])]
    if not docs:
        raise ValueError("no .tml documents to benchmark")
    langs = [lang or d.lang or guess_lang(d.text, "en") for d in docs]
    paragraphs = [p for d in docs for p in d.text.split("\n\n") if p.strip()]
    words = sum(len(p.split()) for p in paragraphs)

    t0 = time.perf_counter()
    tag("Warm-up on 1 January 2000.", langs[0], docs[0].dct)
    tagger_load = time.perf_counter() - t0

    t0 = time.perf_counter()
    nlp = spacy.blank(lang or langs[0])
    tokenizer_load = time.perf_counter() - t0

    n_timex = 0
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d, lg in zip(docs, langs):
            n_timex += len(tag(d.text, lg, d.dct))
    tagger_seconds = (time.perf_counter() - t0) / repeat

    t0 = time.perf_counter()
    for _ in range(repeat):
        for _doc in nlp.tokenizer.pipe(paragraphs):
            pass
    tokenizer_seconds = (time.perf_counter() - t0) / repeat

    return BenchResult(
        documents=len(docs), paragraphs=len(paragraphs), words=words,
        tagger_seconds=tagger_seconds, tokenizer_seconds=tokenizer_seconds,
        tagger_load_seconds=tagger_load, tokenizer_load_seconds=tokenizer_load,
        timexes=n_timex // repeat,
    )


@click.command("timex-bench")
@click.argument("paths", nargs=-1)
@click.option("--lang", type=click.Choice(["en", "id"]), default=None)
@click.option("--repeat", type=int, default=1, show_default=True)
def main(paths: tuple[str, ...], lang: str | None, repeat: int) -> None:
    """Words per second of `kb timex` tagging next to spaCy's blank tokenizer."""
    click.echo(bench(list(paths) or None, lang=lang, repeat=repeat).report())


if __name__ == "__main__":
    main()
