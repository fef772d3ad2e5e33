"""kb: an event-timeline knowledge base built from news articles.

The command line (`kb.cli`) is a thin layer over the library API in `kb.api`.
Nothing heavy (spaCy, dateparser, a database engine) is loaded at import time.
"""

__version__ = "0.1.0"
