"""Reading the store: meetings between people, timelines, names. No NLP is imported here."""
