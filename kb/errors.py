"""The project's exceptions: one base class, so the CLI can turn any of them into one `error:` line."""


class KbError(Exception):
    """Base of every error `kb` reports to users (never shown with a traceback)."""


class InputError(KbError):
    """An input file or stream cannot be read as an article; the message names the input."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class StoreError(KbError):
    """The store cannot be opened, migrated or written."""


class QueryError(KbError):
    """A query names something unknown or ambiguous."""
