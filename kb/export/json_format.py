"""The contract's JSON: an array of meeting objects."""

import json


def render(meetings: list[dict], **_options) -> str:
    return json.dumps(meetings, ensure_ascii=False, indent=2) + "\n"
