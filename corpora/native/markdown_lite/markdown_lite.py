"""A tiny Markdown-to-HTML converter.

Block elements: ATX headings (``#`` to ``######``), paragraphs separated by
blank lines, unordered lists (``-``, ``*``, ``+``) and ordered lists
(``1.``).  Inline elements: ``*em*``/``_em_``, ``**strong**``/``__strong__``,
```code```, ``[text](url)`` links and backslash escapes.  All text is
HTML-escaped.
"""

from __future__ import annotations

import re

ESCAPABLE = set("\\`*_[]()#+-.!")
_HEADING = re.compile(r"^(#{1,6})(?:\s+(.*?))?\s*$")
_UNORDERED = re.compile(r"^[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^(\d{1,9})\.\s+(.*)$")
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def escape_html(text: str, quote: bool = True) -> str:
    """Escape ``&``, ``<``, ``>`` and (optionally) quotes."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def safe_url(url: str) -> str:
    """Return ``url`` unless it uses a script-capable scheme, else ``#``."""
    if url.strip().lower().startswith(_UNSAFE_SCHEMES):
        return "#"
    return url


def _emphasis(text: str, i: int) -> tuple[str, int] | None:
    """Try to parse ``*x*``/``**x**`` (or underscores) starting at ``i``."""
    marker = text[i]
    if marker == "_" and i > 0 and text[i - 1].isalnum():
        return None
    width = 2 if text.startswith(marker * 2, i) else 1
    end = text.find(marker * width, i + width)
    if end <= i + width:
        return None
    tag = "strong" if width == 2 else "em"
    return f"<{tag}>{render_inline(text[i + width:end])}</{tag}>", end + width


def _link(text: str, i: int) -> tuple[str, int] | None:
    """Try to parse ``[label](url)`` starting at ``i``."""
    close = text.find("]", i + 1)
    if close == -1 or text[close + 1 : close + 2] != "(":
        return None
    paren = text.find(")", close + 2)
    if paren == -1:
        return None
    label = render_inline(text[i + 1 : close])
    url = escape_html(safe_url(text[close + 2 : paren].strip()))
    return f'<a href="{url}">{label}</a>', paren + 1


def render_inline(text: str) -> str:
    """Render inline Markdown within a single block of text."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in ESCAPABLE:
            out.append(escape_html(text[i + 1]))
            i += 2
            continue
        result = None
        if ch == "`":
            end = text.find("`", i + 1)
            if end != -1:
                result = f"<code>{escape_html(text[i + 1:end])}</code>", end + 1
        elif ch in "*_":
            result = _emphasis(text, i)
        elif ch == "[":
            result = _link(text, i)
        if result is None:
            out.append(escape_html(ch))
            i += 1
        else:
            out.append(result[0])
            i = result[1]
    return "".join(out)


def _heading_text(content: str) -> str:
    """Drop an optional closing run of ``#`` (must follow a space)."""
    trimmed = content.rstrip("#")
    if trimmed == "" or trimmed.endswith(" "):
        return trimmed.rstrip()
    return content


class _Renderer:
    def __init__(self) -> None:
        self.html: list[str] = []
        self.paragraph: list[str] = []
        self.list_tag: str | None = None
        self.list_start = 1
        self.items: list[str] = []

    def flush_paragraph(self) -> None:
        if self.paragraph:
            self.html.append(f"<p>{render_inline(' '.join(self.paragraph))}</p>")
            self.paragraph = []

    def flush_list(self) -> None:
        if self.list_tag is None:
            return
        start = ""
        if self.list_tag == "ol" and self.list_start != 1:
            start = f' start="{self.list_start}"'
        body = "".join(f"<li>{render_inline(item)}</li>" for item in self.items)
        self.html.append(f"<{self.list_tag}{start}>{body}</{self.list_tag}>")
        self.list_tag = None
        self.items = []

    def add_item(self, tag: str, text: str, number: int = 1) -> None:
        self.flush_paragraph()
        if self.list_tag != tag:
            self.flush_list()
            self.list_tag = tag
            self.list_start = number
        self.items.append(text)

    def feed(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.flush_paragraph()
            self.flush_list()
            return
        heading = _HEADING.match(stripped)
        if heading:
            self.flush_paragraph()
            self.flush_list()
            level = len(heading.group(1))
            content = _heading_text(heading.group(2) or "")
            self.html.append(f"<h{level}>{render_inline(content)}</h{level}>")
            return
        unordered = _UNORDERED.match(stripped)
        if unordered:
            self.add_item("ul", unordered.group(1))
            return
        ordered = _ORDERED.match(stripped)
        if ordered:
            self.add_item("ol", ordered.group(2), int(ordered.group(1)))
            return
        if self.list_tag is not None and line[:1].isspace():
            self.items[-1] += " " + stripped
            return
        self.flush_list()
        self.paragraph.append(stripped)


def render(markdown: str) -> str:
    """Convert Markdown text to an HTML string (blocks joined by newlines)."""
    renderer = _Renderer()
    for line in markdown.splitlines():
        renderer.feed(line)
    renderer.flush_paragraph()
    renderer.flush_list()
    return "\n".join(renderer.html)
