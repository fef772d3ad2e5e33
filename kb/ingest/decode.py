"""Bytes -> text: encodings, byte-order marks and binary files.

Accepted: UTF-8 with or without a BOM; UTF-16 and UTF-32 with a BOM; UTF-16 without a BOM when
the bytes unmistakably are UTF-16 text (every other byte zero, as in Latin-script text).
Refused, each with a plain reason: empty input, files of a known binary format, any other input
with NUL bytes or many control characters, and invalid UTF-8 (with the first bad byte's value
and offset).
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_bytes"]

# Signatures of binary formats people are likely to point `kb add` at by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than tab, line feed, vertical tab, form feed and carriage return, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SNIFF = 65_536


class DecodeProblem(ValueError):
    """The bytes are not text kb can read; the message says why (without the file name)."""


def _utf16_without_bom(data: bytes) -> str | None:
    """Which UTF-16 byte order `data` is in, when it clearly is BOM-less UTF-16 text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:_SNIFF]
    half = len(sample) // 2
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    if odd_zero >= 0.6 * half and even_zero == 0:
        return "utf-16-le"
    if even_zero >= 0.6 * half and odd_zero == 0:
        return "utf-16-be"
    return None


def _check_controls(text: str) -> None:
    sample = text[:_SNIFF]
    if "\x00" in sample or (sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample)):
        raise DecodeProblem("is a binary file")
    if "\x00" in text:
        raise DecodeProblem("is a binary file")


def decode_bytes(data: bytes) -> str:
    """Decode the bytes of one input into text.

    Raises:
        DecodeProblem: "is empty", "is a binary file (a PDF document)", "is a binary file",
            "is not valid UTF-8 (byte 0xff at offset 12)", "is not valid UTF-16 (...)".
    """
    if not data:
        raise DecodeProblem("is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as exc:
                name = encoding.split("-")[0].upper() + "-" + encoding.split("-")[1]
                raise DecodeProblem(
                    f"is not valid {name} (byte 0x{body[exc.start]:02x} at offset {exc.start + len(bom)})"
                ) from None
            _check_controls(text)
            return text
    for magic, what in _MAGIC:
        if what and data.startswith(magic):
            raise DecodeProblem(f"is a binary file ({what})")
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise DecodeProblem("is a binary file")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise DecodeProblem("is a binary file") from None
        _check_controls(text)
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeProblem(f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    _check_controls(text)
    return text
