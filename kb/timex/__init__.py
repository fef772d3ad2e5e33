"""The time layer on its own: TIMEX3 tagging (`kb timex`), TimeML reading/writing and scoring.

- `kb.timex.timeml`: read a TimeML document (DCT, plain text, gold TIMEX3 spans); write one.
- `kb.timex.tagger`: TIMEX3 spans of a plain text, from `kb.extract.time.find_times`.
- `kb.timex.command`: the `kb timex` click command.
- `kb.timex.eval`: TempEval-3 scoring (``python -m kb.timex.eval DIR...``).
- `kb.timex.bench`: words per second next to the spaCy tokenizer (``python -m kb.timex.bench``).
"""

from kb.timex.timeml import Timex, TimeMLDoc, parse_timeml, read_timeml, write_timeml

__all__ = ["Timex", "TimeMLDoc", "parse_timeml", "read_timeml", "write_timeml"]
