"""The default extractor: rule-based people, places, time and meetings for one article."""

from kb.document import Document
from kb.extract.meetings import extract_meetings
from kb.extract.records import ArticleExtraction


def extract_article(doc: Document) -> ArticleExtraction:
    return extract_meetings(doc)
