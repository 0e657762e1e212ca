"""URL utilities: parsing, query strings, percent-encoding and resolution.

Absent components are ``None`` while present-but-empty ones are ``""``, so
``http://h/p?`` keeps its empty query when converted back to a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

_UNRESERVED = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
)
_HEX = "0123456789ABCDEFabcdef"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443}


def percent_encode(text: str, safe: str = "/") -> str:
    """Encode ``text`` as UTF-8, escaping all but unreserved and ``safe`` chars."""
    out = []
    for ch in text:
        if ch in _UNRESERVED or ch in safe:
            out.append(ch)
        else:
            out.extend(f"%{byte:02X}" for byte in ch.encode("utf-8"))
    return "".join(out)


def percent_decode(text: str, plus_as_space: bool = False) -> str:
    """Decode ``%XX`` escapes (as UTF-8); malformed escapes raise ValueError."""
    buffer = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%":
            code = text[i + 1 : i + 3]
            if len(code) != 2 or code[0] not in _HEX or code[1] not in _HEX:
                raise ValueError(f"malformed percent escape at index {i}")
            buffer.append(int(code, 16))
            i += 3
            continue
        if ch == "+" and plus_as_space:
            buffer.append(0x20)
        else:
            buffer.extend(ch.encode("utf-8"))
        i += 1
    return buffer.decode("utf-8", errors="replace")


def parse_query(query: str) -> list[tuple[str, str]]:
    """Split a query string into decoded ``(key, value)`` pairs, in order."""
    pairs = []
    for piece in query.split("&"):
        if not piece:
            continue
        key, _, value = piece.partition("=")
        pairs.append((percent_decode(key, True), percent_decode(value, True)))
    return pairs


def query_dict(query: str) -> dict[str, list[str]]:
    """Group query pairs by key, keeping every value."""
    result: dict[str, list[str]] = {}
    for key, value in parse_query(query):
        result.setdefault(key, []).append(value)
    return result


def _encode_form(text: str) -> str:
    return percent_encode(text, safe=" ").replace(" ", "+")


def build_query(params: Mapping[str, object] | Iterable[tuple[str, object]]) -> str:
    """Build a query string; list/tuple values repeat the key, None is bare."""
    items = params.items() if isinstance(params, Mapping) else params
    parts = []
    for key, value in items:
        values = value if isinstance(value, (list, tuple)) else [value]
        for single in values:
            if single is None:
                parts.append(_encode_form(key))
            else:
                parts.append(f"{_encode_form(key)}={_encode_form(str(single))}")
    return "&".join(parts)


@dataclass(frozen=True)
class URL:
    scheme: str | None = None
    user: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    path: str = ""
    query: str | None = None
    fragment: str | None = None

    @property
    def has_authority(self) -> bool:
        return self.host is not None

    def authority(self) -> str:
        if self.host is None:
            return ""
        text = self.host
        if ":" in text:
            text = f"[{text}]"
        if self.port is not None:
            text += f":{self.port}"
        if self.user is not None:
            userinfo = self.user
            if self.password is not None:
                userinfo += ":" + self.password
            text = f"{userinfo}@{text}"
        return text

    def __str__(self) -> str:
        out = f"{self.scheme}:" if self.scheme is not None else ""
        if self.has_authority:
            out += "//" + self.authority()
        out += self.path
        if self.query is not None:
            out += "?" + self.query
        if self.fragment is not None:
            out += "#" + self.fragment
        return out


def _parse_authority(authority: str) -> dict[str, object]:
    user = password = None
    userinfo, at, hostport = authority.rpartition("@")
    if at:
        user, colon, pw = userinfo.partition(":")
        password = pw if colon else None
    port = None
    if hostport.startswith("["):
        end = hostport.find("]")
        if end == -1:
            raise ValueError("unterminated IPv6 address")
        host, rest = hostport[1:end], hostport[end + 1 :]
        if rest and not rest.startswith(":"):
            raise ValueError("invalid characters after IPv6 address")
        port_text = rest[1:] if rest else ""
    else:
        host, _, port_text = hostport.partition(":")
    if port_text:
        if not port_text.isdigit() or int(port_text) > 65535:
            raise ValueError(f"invalid port {port_text!r}")
        port = int(port_text)
    return {"user": user, "password": password, "host": host.lower(), "port": port}


def parse_url(url: str) -> URL:
    """Split ``url`` into its components."""
    rest, hash_, fragment = url.partition("#")
    rest, qmark, query = rest.partition("?")
    fields: dict[str, object] = {
        "fragment": fragment if hash_ else None,
        "query": query if qmark else None,
    }
    match = _SCHEME.match(rest)
    if match:
        fields["scheme"] = match.group(1).lower()
        rest = rest[match.end() :]
    if rest.startswith("//"):
        slash = rest.find("/", 2)
        end = len(rest) if slash == -1 else slash
        fields.update(_parse_authority(rest[2:end]))
        rest = rest[end:]
    return URL(path=rest, **fields)  # type: ignore[arg-type]


def normalize_path(path: str) -> str:
    """Remove ``.`` and ``..`` segments from ``path``."""
    absolute = path.startswith("/")
    segments = path.split("/")[1:] if absolute else path.split("/")
    out: list[str] = []
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if segment in (".", ".."):
            if segment == ".." and out:
                out.pop()
            if index == last:
                out.append("")
        else:
            out.append(segment)
    joined = "/".join(out)
    return "/" + joined if absolute else joined


def _merge(base: URL, ref_path: str) -> str:
    if base.has_authority and base.path == "":
        return "/" + ref_path
    return base.path[: base.path.rfind("/") + 1] + ref_path


def urljoin(base: str, ref: str) -> str:
    """Resolve ``ref`` against the absolute URL ``base``."""
    b, r = parse_url(base), parse_url(ref)
    if r.scheme is not None:
        return str(replace(r, path=normalize_path(r.path)))
    if r.has_authority:
        return str(replace(r, scheme=b.scheme, path=normalize_path(r.path)))
    if r.path == "":
        query = r.query if r.query is not None else b.query
        return str(replace(b, query=query, fragment=r.fragment))
    if r.path.startswith("/"):
        path = normalize_path(r.path)
    else:
        path = normalize_path(_merge(b, r.path))
    return str(replace(b, path=path, query=r.query, fragment=r.fragment))


def normalize_url(url: str) -> str:
    """Canonical form: lower-case scheme/host, no default port, clean path."""
    parsed = parse_url(url)
    port = parsed.port
    if port is not None and DEFAULT_PORTS.get(parsed.scheme or "") == port:
        port = None
    path = normalize_path(parsed.path)
    if parsed.has_authority and not path:
        path = "/"
    return str(replace(parsed, port=port, path=path))
