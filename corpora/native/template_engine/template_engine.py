"""A mustache-like template engine.

Supported tags::

    {{name}}          HTML-escaped variable (dotted lookup: {{user.name}})
    {{{name}}}        raw variable (also {{& name}})
    {{#name}}..{{/name}}   section: loops over lists, renders once for other
                           truthy values (pushing dicts/objects as context)
    {{^name}}..{{/name}}   inverted section: renders when value is falsy
    {{! comment}}     ignored
    {{.}}             the current context item
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

_HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
MISSING = object()  # sentinel returned by lookup() for unresolved names


class TemplateSyntaxError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


class MissingVariableError(KeyError):
    """Raised in strict mode when a name cannot be resolved."""


@dataclass
class Text:
    value: str


@dataclass
class Variable:
    name: str
    escape: bool


@dataclass
class Section:
    name: str
    inverted: bool
    line: int
    children: list["Node"] = field(default_factory=list)


Node = Union[Text, Variable, Section]


def escape_html(text: str) -> str:
    """Escape the five HTML-significant characters."""
    return "".join(_HTML_ESCAPES.get(ch, ch) for ch in text)


def _line_of(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def _read_tag(source: str, start: int, line: int) -> tuple[str, str, int]:
    """Read the tag opening at ``start``; return (sigil, name, end index)."""
    if source.startswith("{{{", start):
        close = source.find("}}}", start + 3)
        if close == -1:
            raise TemplateSyntaxError("unclosed tag '{{{'", line)
        return "&", source[start + 3 : close].strip(), close + 3
    close = source.find("}}", start + 2)
    if close == -1:
        raise TemplateSyntaxError("unclosed tag '{{'", line)
    body = source[start + 2 : close].strip()
    sigil = body[:1] if body[:1] in "#^/&!" else ""
    name = body[len(sigil) :].strip()
    return sigil, name, close + 2


def parse(source: str) -> list[Node]:
    """Parse template ``source`` into a node tree."""
    root: list[Node] = []
    stack: list[Section] = []
    pos = 0
    while True:
        start = source.find("{{", pos)
        if start == -1:
            start = len(source)
        target = stack[-1].children if stack else root
        if start > pos:
            target.append(Text(source[pos:start]))
        if start == len(source):
            break
        line = _line_of(source, start)
        sigil, name, pos = _read_tag(source, start, line)
        if sigil == "!":
            continue
        if not name:
            raise TemplateSyntaxError("empty tag", line)
        if sigil in ("#", "^"):
            section = Section(name, sigil == "^", line)
            target.append(section)
            stack.append(section)
        elif sigil == "/":
            if not stack:
                raise TemplateSyntaxError(f"unexpected closing tag {name!r}", line)
            opened = stack.pop()
            if opened.name != name:
                raise TemplateSyntaxError(
                    f"closing tag {name!r} does not match {opened.name!r}", line
                )
        else:
            target.append(Variable(name, sigil != "&"))
    if stack:
        raise TemplateSyntaxError(f"unclosed section {stack[-1].name!r}", stack[-1].line)
    return root


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, MISSING)
    if isinstance(obj, (list, tuple)) and key.isdigit():
        index = int(key)
        return obj[index] if index < len(obj) else MISSING
    return getattr(obj, key, MISSING)


def lookup(stack: list[Any], name: str) -> Any:
    """Resolve a (dotted) name against a context stack, innermost first."""
    if name == ".":
        return stack[-1]
    first, *rest = name.split(".")
    for frame in reversed(stack):
        value = _get(frame, first)
        if value is not MISSING:
            break
    else:
        return MISSING
    for part in rest:
        value = _get(value, part)
        if value is MISSING:
            return MISSING
    return value


def _is_falsy(value: Any) -> bool:
    return value is MISSING or not value


class Template:
    def __init__(self, source: str) -> None:
        self.nodes = parse(source)

    def render(self, context: Any = None, strict: bool = False) -> str:
        out: list[str] = []
        self._render(self.nodes, [context if context is not None else {}], strict, out)
        return "".join(out)

    def _render(self, nodes: list[Node], stack: list[Any], strict: bool, out: list[str]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                out.append(node.value)
            elif isinstance(node, Variable):
                out.append(self._variable(node, stack, strict))
            else:
                self._section(node, stack, strict, out)

    @staticmethod
    def _variable(node: Variable, stack: list[Any], strict: bool) -> str:
        value = lookup(stack, node.name)
        if value is MISSING:
            if strict:
                raise MissingVariableError(node.name)
            return ""
        text = "" if value is None else str(value)
        return escape_html(text) if node.escape else text

    def _section(self, node: Section, stack: list[Any], strict: bool, out: list[str]) -> None:
        value = lookup(stack, node.name)
        if value is MISSING and strict:
            raise MissingVariableError(node.name)
        if node.inverted:
            if _is_falsy(value):
                self._render(node.children, stack, strict, out)
            return
        if _is_falsy(value):
            return
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            stack.append(item)
            self._render(node.children, stack, strict, out)
            stack.pop()


def render(source: str, context: Any = None, strict: bool = False) -> str:
    """Compile and render ``source`` in one step."""
    return Template(source).render(context, strict)
