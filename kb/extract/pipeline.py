"""The default extractor: rule-based people, places, time and meetings for one article."""

from functools import lru_cache
from pathlib import Path

from kb.document import Document
from kb.extract.meetings import extract_meetings
from kb.extract.records import ArticleExtraction

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=32)
def supports(language: str) -> bool:
    """A language is supported when its data files are there (a third language is a folder of data)."""
    folder = DATA / language
    return all((folder / name).exists() for name in ("meetings.json", "time.json", "roles.json"))


def extract_article(doc: Document) -> ArticleExtraction:
    """Meetings, people and places of one article; an article in a language without extraction data is
    stored with nothing extracted rather than refused."""
    if not supports(doc.language):
        return ArticleExtraction()
    return extract_meetings(doc)
