"""Per-format parsing: decoded text of one input -> raw articles (text + metadata) or problems.

Nothing here touches the file system, validates metadata values or cleans text: that is the
reader's job. Each parser returns a list of `RawArticle` and `Problem` values in input order.
"""

from __future__ import annotations

import html.entities
import json
import re
from dataclasses import dataclass, field

import yaml

__all__ = ["RawArticle", "Problem", "parse_text", "parse_markdown", "parse_html", "parse_json", "parse_jsonl",
           "looks_like_html", "FORMATS"]

#: Extensions read when found in a folder, and how. Other files named explicitly are read as text.
FORMATS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}

META_KEYS = ("source", "url", "title", "language", "published")
# Key aliases accepted in front matter, JSON objects and manifests (compared case-insensitively).
_ALIASES = {
    "source": ("source", "publisher", "site", "site_name", "sitename"),
    "url": ("url", "link", "canonical_url", "permalink"),
    "title": ("title", "headline"),
    "language": ("language", "lang", "inlanguage"),
    "published": ("published", "date", "published_at", "publishedat", "datepublished", "pubdate",
                  "publication_date", "published_date"),
}
_TEXT_KEYS = ("text", "content", "body", "article", "article_text", "fulltext", "full_text")


@dataclass
class RawArticle:
    """One article as a format parser found it: text still to be cleaned, metadata not yet checked."""

    text: str
    meta: dict[str, object] = field(default_factory=dict)
    where: str | None = None  # "line 7" in a JSONL file, "item 2" in a JSON list
    first_line_title: bool = False  # plain text: the first line may be the title
    html: bool = False  # text is HTML to extract


@dataclass
class Problem:
    message: str
    where: str | None = None


# ---------------------------------------------------------------- metadata from mappings

def meta_from_mapping(obj: dict) -> tuple[dict[str, object], str | None]:
    """(metadata, problem) from a JSON object, front matter or manifest entry."""
    lowered = {str(k).lower(): v for k, v in obj.items()}
    meta: dict[str, object] = {}
    for key, aliases in _ALIASES.items():
        for alias in aliases:
            if alias in lowered and lowered[alias] not in (None, ""):
                value = lowered[alias]
                if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                    if key == "published" and hasattr(value, "isoformat") and not isinstance(value, bool):
                        meta[key] = value
                        break
                    return meta, f"'{alias}' must be text, not {type(value).__name__}"
                meta[key] = value if isinstance(value, str) else str(value)
                break
    return meta, None


def _text_from_mapping(obj: dict) -> tuple[str | None, str | None]:
    lowered = {str(k).lower(): v for k, v in obj.items()}
    for key in _TEXT_KEYS:
        if key in lowered:
            value = lowered[key]
            if isinstance(value, str):
                return value, None
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return "\n".join(value), None
            return None, f"'{key}' must be a string or a list of strings, not {type(value).__name__}"
    return None, "has no text (no 'text', 'content' or 'body' key)"


_HTML_HINT = re.compile(r"<(?:p|br|div|article|span|h[1-6]|li|html|body)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip()
    if head[:15].lower().startswith(("<!doctype html", "<html")):
        return True
    return _HTML_HINT.search(text, 0, 20_000) is not None


def _article_from_mapping(obj: dict, where: str | None) -> RawArticle | Problem:
    text, problem = _text_from_mapping(obj)
    if problem:
        return Problem(problem, where)
    meta, problem = meta_from_mapping(obj)
    if problem:
        return Problem(problem, where)
    assert text is not None
    return RawArticle(text=text, meta=meta, where=where, html=looks_like_html(text))


# ---------------------------------------------------------------- plain text

def parse_text(text: str) -> list[RawArticle | Problem]:
    return [RawArticle(text=text, first_line_title=True)]


# ---------------------------------------------------------------- markdown

class _Loader(yaml.SafeLoader):
    """Safe loading, with timestamps left as strings so that dates are checked one way."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: Front matter is metadata: anything longer is refused rather than handed to the YAML parser.
MAX_FRONT_MATTER_CHARS = 65_536

_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_MD_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_MD_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+")
_MD_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_MD_REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_MD_CODE = re.compile(r"`([^`]*)`")


def _md_inline(line: str) -> str:
    if "[" in line:
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _MD_STRONG.sub(r"\2", line)
        line = _MD_EM.sub(lambda m: m.group(1) or m.group(2), line)
    if "`" in line:
        line = _MD_CODE.sub(r"\1", line)
    return line


def _markdown_to_text(body: str) -> tuple[str, str | None]:
    """Markdown -> one paragraph per line (soft-wrapped lines joined), and the first heading."""
    out: list[str] = []
    current: list[str] = []
    heading: str | None = None

    def flush() -> None:
        if current:
            out.append(" ".join(current))
            current.clear()

    for line in body.split("\n"):
        if not line.strip() or _MD_FENCE.match(line) or _MD_REFDEF.match(line):
            flush()
            continue
        if _MD_SETEXT.match(line):
            if current and heading is None and line.lstrip().startswith("="):
                heading = _md_inline(" ".join(current)).strip()
            flush()
            continue
        line = _MD_QUOTE.sub("", line)
        m = _MD_HEADING.match(line)
        if m:
            flush()
            text = _md_inline(m.group(1)).strip()
            if heading is None and text:
                heading = text
            out.append(text)
            continue
        m = _MD_BULLET.match(line)
        if m:
            flush()
            line = line[m.end():]
        current.append(_md_inline(line.strip()))
    flush()
    return "\n".join(out), heading


def parse_markdown(text: str) -> list[RawArticle | Problem]:
    meta: dict[str, object] = {}
    body = text
    if text.startswith("---") and text[3:4] in ("\n", "\r", " ", "\t"):
        first_nl = text.find("\n")
        end = _FRONT_END.search(text, first_nl + 1) if first_nl >= 0 else None
        if end is None:
            return [Problem("front matter is not closed (no line '---' after it)")]
        front = text[first_nl + 1:end.start()]
        if len(front) > MAX_FRONT_MATTER_CHARS:
            return [Problem(f"front matter is longer than {MAX_FRONT_MATTER_CHARS} characters")]
        body = text[end.end():]
        try:
            data = yaml.load(front, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 2} column {mark.column + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            return [Problem(f"malformed YAML front matter: {problem}{where}")]
        except RecursionError:
            return [Problem("malformed YAML front matter: nested too deeply")]
        except (ValueError, TypeError, OverflowError) as exc:
            return [Problem(f"malformed YAML front matter: {exc}")]
        if data is None:
            data = {}
        if not isinstance(data, dict):
            return [Problem(f"front matter is not a mapping of keys to values (it is a {type(data).__name__})")]
        meta, problem = meta_from_mapping(data)
        if problem:
            return [Problem(f"front matter: {problem}")]
    plain, heading = _markdown_to_text(body)
    if heading and "title" not in meta:
        meta["title"] = heading
    return [RawArticle(text=plain, meta=meta)]


# ---------------------------------------------------------------- JSON and JSONL

def json_problem(exc: Exception, *, line: bool = True) -> str:
    """The message for a JSON parse failure: ``malformed JSON: Expecting ',' delimiter at line 3 column 7``."""
    if isinstance(exc, json.JSONDecodeError):
        at = " " if exc.msg.endswith(" at") else " at "
        where = f"line {exc.lineno} column {exc.colno}" if line else f"column {exc.colno}"
        return f"malformed JSON: {exc.msg}{at}{where}"
    if isinstance(exc, RecursionError):
        return "malformed JSON: nested too deeply"
    return f"malformed JSON: {exc}"


def parse_json(text: str) -> list[RawArticle | Problem]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return [Problem(json_problem(exc))]
    return articles_from_json(data)


def articles_from_json(data: object) -> list[RawArticle | Problem]:
    if isinstance(data, dict):
        lowered = {str(k).lower() for k in data}
        if "articles" in lowered and not lowered.intersection(_TEXT_KEYS):
            data = next(v for k, v in data.items() if str(k).lower() == "articles")
            if not isinstance(data, list):
                return [Problem("'articles' must be a list of objects")]
        else:
            return [_article_from_mapping(data, None)]
    if isinstance(data, list):
        if not data:
            return [Problem("is an empty JSON list")]
        out: list[RawArticle | Problem] = []
        for i, item in enumerate(data, 1):
            if isinstance(item, dict):
                out.append(_article_from_mapping(item, f"item {i}"))
            else:
                out.append(Problem(f"expected a JSON object, got {_json_type(item)}", f"item {i}"))
        return out
    return [Problem(f"JSON of the wrong shape: expected an object or a list of objects, got {_json_type(data)}")]


def _json_type(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def parse_jsonl(text: str) -> list[RawArticle | Problem]:
    out: list[RawArticle | Problem] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"line {n}"
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as exc:
            out.append(Problem(json_problem(exc, line=False), where))
            continue
        if not isinstance(item, dict):
            out.append(Problem(f"expected a JSON object, got {_json_type(item)}", where))
            continue
        out.append(_article_from_mapping(item, where))
    if not out:
        return [Problem("has no text")]
    return out


# ---------------------------------------------------------------- HTML

_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY_DECL = re.compile(r"<!ENTITY\b[^>]*>", re.IGNORECASE)
_ENTITY_REF = re.compile(r"&([A-Za-z][A-Za-z0-9]{0,40});")
_HTML_WS = re.compile(r"[ \t\n\r\f\v]+")
_BLOCK = "\x1e"  # record separator: marks block boundaries while the text is collected

_DROP_TAGS = ["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "svg",
              "template", "button", "select", "textarea", "object", "embed", "canvas", "figure", "figcaption",
              "dialog", "menu", "input", "math", "video", "audio", "picture", "head"]
_BLOCK_TAGS = ["p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
               "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot",
               "caption", "hr", "address", "details", "summary", "center", "body", "html", "br"]
_DROP_SET = frozenset(_DROP_TAGS)
_BLOCK_SET = frozenset(_BLOCK_TAGS)
_DROP_CLASS_TOKENS = frozenset({
    "share", "sharing", "social", "related", "comments", "comment", "advert", "advertisement", "ads",
    "newsletter", "cookie", "cookies", "breadcrumb", "breadcrumbs", "sidebar", "baca-juga", "bacajuga",
    "promo", "sponsored", "recommended", "subscribe", "paywall", "popup", "modal",
})
_CLASS_SPLIT = re.compile(r"[\s_-]+")


def _known_entity(m: re.Match[str]) -> str:
    return m.group(0) if (m.group(1) + ";") in html.entities.html5 else ""


def _meta_content(soup, *selectors: tuple[str, str]) -> str | None:
    for attr, value in selectors:
        tag = soup.find("meta", attrs={attr: value})
        if tag is not None:
            content = tag.get("content")
            if isinstance(content, str) and content.strip():
                return content.strip()
    return None


def _hidden(tag) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = attrs.get("style")
    if isinstance(style, str) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I):
        return True
    if tag.name in ("html", "body", "main", "article"):
        return False
    names = attrs.get("class") or []
    if isinstance(names, str):
        names = [names]
    ident = attrs.get("id")
    tokens: set[str] = set()
    for name in list(names) + ([ident] if isinstance(ident, str) else []):
        lowered = name.lower()
        tokens.add(lowered)
        tokens.update(_CLASS_SPLIT.split(lowered))
    return bool(tokens & _DROP_CLASS_TOKENS)


def _collect(root) -> str:
    """The text under `root`, without dropped or hidden elements, with block boundaries marked.

    An explicit stack instead of recursion or tree edits: linear in the size of the tree, and
    safe on pages nested many thousands of elements deep.
    """
    from bs4 import NavigableString, Tag

    out: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    drop, block = _DROP_SET, _BLOCK_SET
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append(_BLOCK)
            continue
        kind = type(node)
        if kind is NavigableString:
            out.append(node)  # type: ignore[arg-type]
            continue
        if not isinstance(node, Tag):
            continue  # comments, CDATA, doctype, processing instructions
        name = node.name
        if node is not root and (name in drop or _hidden(node)):
            continue
        if name in block:
            out.append(_BLOCK)
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    return "".join(out)


def html_to_text(markup: str) -> tuple[str, dict[str, object]]:
    """Article text of an HTML page (one block per line) and the metadata found in its head.

    Uses BeautifulSoup with Python's html.parser, which never expands entities declared in the
    document: the DOCTYPE internal subset and references to undeclared entities are removed
    before parsing, so an entity bomb yields no text at all.
    """
    from bs4 import BeautifulSoup

    if "<!" in markup:
        markup = _DOCTYPE_SUBSET.sub("", markup)
        markup = _ENTITY_DECL.sub("", markup)
    if "&" in markup:
        markup = _ENTITY_REF.sub(_known_entity, markup)
    soup = BeautifulSoup(markup, "html.parser")

    meta: dict[str, object] = {}
    title = _meta_content(soup, ("property", "og:title"), ("name", "og:title"), ("name", "twitter:title"))
    if not title and soup.title is not None and soup.title.string:
        title = str(soup.title.string)
    if title:
        meta["title"] = title
    published = _meta_content(
        soup, ("property", "article:published_time"), ("name", "article:published_time"),
        ("itemprop", "datePublished"), ("name", "pubdate"), ("name", "publish-date"), ("name", "date"),
        ("property", "og:published_time"),
    )
    if published:
        meta["published"] = published
    source = _meta_content(soup, ("property", "og:site_name"), ("name", "og:site_name"))
    if source:
        meta["source"] = source
    url = _meta_content(soup, ("property", "og:url"), ("name", "og:url"))
    if not url:
        link = soup.find("link", rel="canonical")
        href = link.get("href") if link is not None else None
        url = href.strip() if isinstance(href, str) and href.strip() else None
    if url:
        meta["url"] = url
    html_tag = soup.find("html")
    lang = html_tag.get("lang") if html_tag is not None else None
    if isinstance(lang, str) and lang.strip():
        meta["language"] = lang.strip()

    articles = soup.find_all("article")
    if articles:
        texts = [_collect(a) for a in articles]
        text = max(texts, key=lambda t: len(t.replace(_BLOCK, "").strip()))
        root = None
    else:
        root = soup.find("main") or soup.find("body") or soup
        text = _collect(root)
    if not meta.get("title"):
        h1 = (root or soup).find("h1")
        if h1 is not None and h1.get_text(strip=True):
            meta["title"] = h1.get_text(" ", strip=True)
    text = _HTML_WS.sub(" ", text).replace(_BLOCK, "\n")
    return text, meta


def parse_html(text: str) -> list[RawArticle | Problem]:
    return [RawArticle(text=text, html=True)]
