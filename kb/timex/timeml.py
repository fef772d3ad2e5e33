"""Reading and writing TimeML documents (the TempEval-3 ``.tml`` format).

Reading gives a `TimeMLDoc`: the document creation time (DCT) from the ``<DCT>`` element's
TIMEX3 ``value``, the plain text (the content of ``<TEXT>`` with every tag dropped and XML
entities decoded, nothing else changed: not even line ends) and the gold TIMEX3 spans as
character offsets into that plain text.  Writing inserts our TIMEX3 tags into such a text.

The reader is a small scanner rather than an XML parser so that the plain text is exactly the
characters between the tags (an XML parser would normalise ``\\r\\n``), and so that offsets are
computed in one pass.  It still rejects what is not TimeML: no ``<TEXT>``, unbalanced tags.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from kb.errors import InputError

__all__ = ["Timex", "TimeMLDoc", "parse_timeml", "read_timeml", "write_timeml", "is_timeml"]

# One token of markup: a comment, a CDATA section, a processing instruction/declaration or a tag.
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<[?!][^>]*>|<(?P<close>/)?(?P<name>[A-Za-z_][\w.:-]*)(?P<attrs>[^>]*?)(?P<empty>/)?>",
    re.S,
)
_ATTR = re.compile(r"""([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

TIMEML_HEADER = (
    '<?xml version="1.0" ?>\n'
    '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n'
)


@dataclass(frozen=True)
class Timex:
    """One TIMEX3: a span of the plain text with its TimeML attributes.

    `attrs` keeps every attribute as read (or as to be written), in order; the named fields are
    the ones the tagger and the scorer use.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""
    mod: str | None = None
    anchor_tid: str | None = None
    attrs: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def as_json(self) -> dict:
        """The JSON form `kb timex --format json` prints: start, end, text, type, value (+ tid, mod)."""
        out = {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}
        if self.tid:
            out["tid"] = self.tid
        if self.mod:
            out["mod"] = self.mod
        return out


@dataclass(frozen=True)
class TimeMLDoc:
    """A TimeML document as read: its plain text, its DCT and its (gold) TIMEX3 spans."""

    text: str
    timexes: tuple[Timex, ...]
    docid: str | None = None
    dct_value: str | None = None  # the DCT TIMEX3 value as written, e.g. "1998-01-08" or "1998-01-08T12:00"
    dct_tid: str = "t0"
    dct_text: str | None = None  # the DCT TIMEX3 content, e.g. "19980108"
    lang: str | None = None  # from an xml:lang / lang attribute on <TimeML> or <TEXT>, if any
    origin: str = "<string>"

    @property
    def dct(self) -> date | None:
        """The DCT as a date, when its value starts with a full calendar date."""
        m = _DATE.match(self.dct_value or "")
        if not m:
            return None
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None


def _decode(s: str) -> str:
    """Decode character and entity references (the five XML ones, numeric ones, HTML names)."""
    if "&" not in s:
        return s

    def sub(m: re.Match) -> str:
        name = m[1]
        if name in _XML_ENTITIES:
            return _XML_ENTITIES[name]
        decoded = html.unescape(m[0])
        return decoded

    return _ENTITY.sub(sub, s)


def _attrs(raw: str) -> tuple[tuple[str, str], ...]:
    return tuple((m[1], _decode(m[2] if m[2] is not None else m[3])) for m in _ATTR.finditer(raw))


def is_timeml(path: str | Path, head: str | None = None) -> bool:
    """True for a ``.tml``/``.timeml`` file, or an ``.xml`` file whose root is ``<TimeML>``."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".tml", ".timeml"):
        return True
    if suffix == ".xml":
        if head is None:
            try:
                with open(p, encoding="utf-8", errors="replace") as fh:
                    head = fh.read(2048)
            except OSError:
                return False
        return "<TimeML" in head
    return False


def parse_timeml(source: str, origin: str = "<string>") -> TimeMLDoc:
    """Parse the text of a TimeML document.

    Raises `InputError` (naming `origin`) when there is no ``<TEXT>`` element or the markup
    inside it is unbalanced.
    """
    if source.startswith("\ufeff"):
        source = source[1:]
    docid = dct_value = dct_text = lang = None
    dct_tid = "t0"

    # Header: DOCID, DCT and any language attribute, all before <TEXT>.
    text_open = re.search(r"<TEXT(\s[^>]*)?>", source)
    if text_open is None:
        raise InputError(origin, "not a TimeML document: no <TEXT> element")
    text_close = source.find("</TEXT>", text_open.end())
    if text_close < 0:
        raise InputError(origin, "not a TimeML document: <TEXT> is not closed")
    root = re.search(r"<TimeML(\s[^>]*)?>", source)
    for raw in (root[1] if root else None, text_open[1]):
        for k, v in _attrs(raw or ""):
            if k in ("xml:lang", "lang") and v:
                lang = v.split("-")[0].lower()
    m = re.search(r"<DOCID[^>]*>(.*?)</DOCID>", source, re.S)
    if m:
        docid = _decode(m[1]).strip()
    m = re.search(r"<DCT[^>]*>(.*?)</DCT>", source, re.S)
    dct_timex = re.search(r"<TIMEX3(\s[^>]*)>(.*?)</TIMEX3>", m[1], re.S) if m else None
    if dct_timex is None:  # some corpora mark the DCT only by its function
        for cand in re.finditer(r"<TIMEX3(\s[^>]*)>(.*?)</TIMEX3>", source, re.S):
            if 'functionInDocument="CREATION_TIME"' in cand[1]:
                dct_timex = cand
                break
    if dct_timex is not None:
        a = dict(_attrs(dct_timex[1]))
        dct_value = a.get("value") or None
        dct_tid = a.get("tid") or "t0"
        dct_text = _decode(re.sub(r"<[^>]*>", "", dct_timex[2]))

    body = source[text_open.end():text_close]
    parts: list[str] = []
    pos = 0  # offset in the plain text
    stack: list[tuple[str, int, tuple]] = []  # open tags: (name, plain offset, attrs)
    timexes: list[Timex] = []
    last = 0
    for mk in _MARKUP.finditer(body):
        chunk = _decode(body[last:mk.start()])
        parts.append(chunk)
        pos += len(chunk)
        last = mk.end()
        if mk["cdata"] is not None:
            parts.append(mk["cdata"])
            pos += len(mk["cdata"])
            continue
        name = mk["name"]
        if name is None or mk["empty"]:  # comment, declaration or empty element: dropped
            continue
        if not mk["close"]:
            stack.append((name, pos, _attrs(mk["attrs"] or "")))
            continue
        if not stack or stack[-1][0] != name:
            line = source.count("\n", 0, text_open.end() + mk.start()) + 1
            raise InputError(origin, f"malformed TimeML: unexpected </{name}> on line {line}")
        _, start, attrs = stack.pop()
        if name == "TIMEX3":
            a = dict(attrs)
            timexes.append(
                Timex(
                    start=start,
                    end=pos,
                    text="",  # filled below, once the plain text exists
                    type=a.get("type", ""),
                    value=a.get("value", ""),
                    tid=a.get("tid", ""),
                    mod=a.get("mod") or None,
                    anchor_tid=a.get("anchorTimeID") or None,
                    attrs=attrs,
                )
            )
    if stack:
        raise InputError(origin, f"malformed TimeML: <{stack[-1][0]}> inside <TEXT> is not closed")
    parts.append(_decode(body[last:]))
    text = "".join(parts)
    timexes = [
        Timex(t.start, t.end, text[t.start:t.end], t.type, t.value, t.tid, t.mod, t.anchor_tid, t.attrs)
        for t in sorted(timexes, key=lambda t: (t.start, -t.end))
    ]
    return TimeMLDoc(
        text=text,
        timexes=tuple(timexes),
        docid=docid,
        dct_value=dct_value,
        dct_tid=dct_tid,
        dct_text=dct_text,
        lang=lang,
        origin=origin,
    )


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Read a TimeML file (UTF-8). Raises `InputError` naming the file on any problem."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as e:
        raise InputError(str(path), e.strerror or str(e)) from None
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(str(path), f"not UTF-8 text (byte {e.start})") from None
    return parse_timeml(source, origin=str(path))


def _timex_attrs(t: Timex) -> list[tuple[str, str]]:
    """Attributes to write for one of our TIMEX3s, in the TimeBank order."""
    if t.attrs:
        return list(t.attrs)
    out = [("tid", t.tid), ("type", t.type), ("value", t.value)]
    if t.mod:
        out.append(("mod", t.mod))
    out.append(("temporalFunction", "true" if t.anchor_tid else "false"))
    out.append(("functionInDocument", "NONE"))
    if t.anchor_tid:
        out.append(("anchorTimeID", t.anchor_tid))
    return out


def _escape(s: str) -> str:
    # "\r" as a character reference, so that XML parsers (which normalise line ends) keep it too.
    return escape(s, {"\r": "&#13;"})


def _tag(name: str, attrs: list[tuple[str, str]]) -> str:
    return "<" + name + "".join(f" {k}={quoteattr(v)}" for k, v in attrs) + ">"


def write_timeml(
    text: str,
    timexes: list[Timex] | tuple[Timex, ...],
    *,
    docid: str | None = None,
    dct_value: str | None = None,
    dct_tid: str = "t0",
    dct_text: str | None = None,
) -> str:
    """A TimeML document: `text` (XML-escaped) with a TIMEX3 tag around each of `timexes`.

    The spans must not cross one another (nested spans are written nested).  The DCT element
    is written when `dct_value` is known.  Parsing the result with `parse_timeml` gives back
    `text` and the same spans.
    """
    spans = sorted(timexes, key=lambda t: (t.start, -t.end))
    for t in spans:
        if not (0 <= t.start <= t.end <= len(text)):
            raise ValueError(f"TIMEX3 {t.tid or t.text!r} [{t.start}:{t.end}] is outside the text")
    # Events at each offset: closings (innermost first) before openings (outermost first).
    opens: dict[int, list[Timex]] = {}
    closes: dict[int, list[Timex]] = {}
    open_stack: list[Timex] = []
    for t in spans:
        while open_stack and open_stack[-1].end <= t.start:
            open_stack.pop()
        if open_stack and t.end > open_stack[-1].end:
            raise ValueError(f"TIMEX3 spans cross: {open_stack[-1].text!r} and {t.text!r}")
        open_stack.append(t)
        opens.setdefault(t.start, []).append(t)
        closes.setdefault(t.end, []).insert(0, t)
    out: list[str] = []
    cuts = sorted(set(opens) | set(closes) | {0, len(text)})
    prev = 0
    for c in cuts:
        out.append(_escape(text[prev:c]))
        prev = c
        out.extend("</TIMEX3>" for _ in closes.get(c, ()))
        out.extend(_tag("TIMEX3", _timex_attrs(t)) for t in opens.get(c, ()))
    out.append(_escape(text[prev:]))

    doc = [TIMEML_HEADER, "\n"]
    if docid:
        doc.append(f"<DOCID>{escape(docid)}</DOCID>\n\n")
    if dct_value:
        dct_attrs = [("tid", dct_tid), ("type", "DATE"), ("value", dct_value),
                     ("temporalFunction", "false"), ("functionInDocument", "CREATION_TIME")]
        doc.append(f"<DCT>{_tag('TIMEX3', dct_attrs)}{escape(dct_text or dct_value)}</TIMEX3></DCT>\n\n")
    doc.append("<TEXT>" + "".join(out) + "</TEXT>\n\n</TimeML>\n")
    return "".join(doc)
