"""`manifest.json` in a folder: per-file metadata, in the form of ``shared/seeds/manifest.json``::

    {"articles": [{"file": "a.txt", "source": "...", "language": "id", "published": "2023-03-02",
                   "url": "...", "title": "..."}]}

(a bare list of entries is accepted too). Every entry is checked on its own: an entry naming a
path outside the manifest's folder (``../../etc/passwd``, ``/etc/passwd``, or a symbolic link
leading out), a missing file, a bad language code or date is reported as an error of the
manifest (``DIR/manifest.json: entry 3 ('a.txt'): ...``) and that file is not read, so that it
is never stored with wrong metadata. A second entry for the same file is reported and ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from kb.errors import InputError
from kb.ingest.dates import check_published
from kb.ingest.formats import json_problem, meta_from_mapping
from kb.ingest.language import normalise_language

__all__ = ["MANIFEST_NAME", "Manifest", "parse_manifest"]

MANIFEST_NAME = "manifest.json"


@dataclass
class Manifest:
    path: str  # as shown to users
    entries: dict[str, dict[str, object]] = field(default_factory=dict)  # real path -> checked metadata
    listed: list[tuple[str, str]] = field(default_factory=list)  # (shown path, real path), manifest order
    blocked: set[str] = field(default_factory=set)  # real paths not to read (their entry is bad)
    errors: list[InputError] = field(default_factory=list)
    fatal: bool = False  # the manifest itself is unreadable: nothing in its folder is read


def checked_meta(meta: dict[str, object]) -> dict[str, object]:
    """Validate language and published date of a metadata dict; ValueError on the first problem."""
    out = dict(meta)
    if "language" in out:
        out["language"] = normalise_language(str(out["language"]))
    if "published" in out:
        out["published"] = check_published(out["published"])
    return out


def _inside(folder_real: str, real: str) -> bool:
    try:
        return os.path.commonpath([folder_real, real]) == folder_real
    except ValueError:
        return False


def parse_manifest(text: str, shown: str, folder_shown: str, folder_real: str) -> Manifest:
    """Check a manifest's entries against the folder it sits in (`folder_real` is its real path)."""
    result = Manifest(path=shown)

    def fail(problem: str) -> Manifest:
        result.errors.append(InputError(shown, f"{problem}; the files of its folder were not read"))
        result.fatal = True
        return result

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return fail(json_problem(exc))
    if isinstance(data, dict):
        entries = data.get("articles")
        if not isinstance(entries, list):
            return fail("manifest has no 'articles' list")
    elif isinstance(data, list):
        entries = data
    else:
        return fail("manifest must be an object with an 'articles' list")

    first_entry: dict[str, int] = {}
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            result.errors.append(InputError(shown, f"entry {i}: expected an object"))
            continue
        name = entry.get("file")
        if not isinstance(name, str) or not name.strip():
            result.errors.append(InputError(shown, f"entry {i}: has no 'file'"))
            continue
        label = f"entry {i} ({name[:80]!r})"
        if "\x00" in name or os.path.isabs(name) or name.startswith(("\\", "~")) or (len(name) > 1 and name[1] == ":"):
            result.errors.append(InputError(shown, f"{label}: file is outside the manifest's folder"))
            continue
        rel = os.path.normpath(name)
        if rel == ".." or rel.startswith(".." + os.sep):
            result.errors.append(InputError(shown, f"{label}: file is outside the manifest's folder"))
            continue
        path = os.path.join(folder_real, rel)
        real = os.path.realpath(path)
        if not _inside(folder_real, real):
            result.errors.append(InputError(shown, f"{label}: file is outside the manifest's folder"))
            continue
        if not os.path.isfile(real):
            problem = "is a folder, not a file" if os.path.isdir(real) else "file not found"
            result.errors.append(InputError(shown, f"{label}: {problem}"))
            continue
        if real in first_entry:
            result.errors.append(InputError(
                shown, f"{label}: duplicate of entry {first_entry[real]}; the file is read once"))
            continue
        first_entry[real] = i
        meta, problem = meta_from_mapping({k: v for k, v in entry.items() if k != "file"})
        if problem is None:
            try:
                meta = checked_meta(meta)
            except ValueError as exc:
                problem = str(exc)
        if problem is not None:
            result.errors.append(InputError(shown, f"{label}: {problem}; the file was not read"))
            result.blocked.add(real)
            continue
        result.entries[real] = meta
        result.listed.append((os.path.join(folder_shown, rel), real))
    return result
