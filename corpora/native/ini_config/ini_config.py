"""A small INI configuration parser.

Features: ``[section]`` headers, ``#`` and ``;`` comment lines,
``key = value`` and ``key: value`` pairs, a defaults section whose keys are
visible from every section, ``${key}`` / ``${section:key}`` interpolation
(``$$`` is a literal dollar), typed getters with fallbacks, and errors for
duplicate sections or keys.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 10
_TRUE = {"1", "yes", "true", "on"}
_FALSE = {"0", "no", "false", "off"}
_MISSING: Any = object()


class ConfigError(Exception):
    """Base class for configuration errors."""


class ParseError(ConfigError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


class DuplicateError(ParseError):
    """A section or key was defined twice."""


class MissingError(ConfigError, KeyError):
    """A section or option does not exist."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InterpolationError(ConfigError):
    """A ``${...}`` reference could not be resolved."""


class Config:
    def __init__(self, default_section: str = "DEFAULT") -> None:
        self.default_section = default_section
        self._data: dict[str, dict[str, str]] = {default_section: {}}

    # -- parsing -----------------------------------------------------------

    def read_string(self, text: str) -> None:
        """Parse INI text, adding its sections to this configuration."""
        current: str | None = None
        seen: set[str] = set()
        for number, raw_line in enumerate(text.splitlines(), start=1):
            line = raw_line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                current = self._section_header(line, number, seen)
                continue
            if current is None:
                raise ParseError("key outside of any section", number)
            key, value = self._split_pair(line, number)
            options = self._data[current]
            if key in options:
                raise DuplicateError(f"duplicate key {key!r} in [{current}]", number)
            options[key] = value

    def _section_header(self, line: str, number: int, seen: set[str]) -> str:
        if not line.endswith("]"):
            raise ParseError("unterminated section header", number)
        name = line[1:-1].strip()
        if not name:
            raise ParseError("empty section name", number)
        if name in seen or (name in self._data and name != self.default_section):
            raise DuplicateError(f"duplicate section {name!r}", number)
        seen.add(name)
        self._data.setdefault(name, {})
        return name

    @staticmethod
    def _split_pair(line: str, number: int) -> tuple[str, str]:
        positions = [p for p in (line.find("="), line.find(":")) if p != -1]
        if not positions:
            raise ParseError(f"expected 'key = value', got {line!r}", number)
        cut = min(positions)
        key = line[:cut].strip().lower()
        if not key:
            raise ParseError("empty key", number)
        return key, line[cut + 1 :].strip()

    # -- inspection --------------------------------------------------------

    def sections(self) -> list[str]:
        """Names of all sections except the defaults section, in file order."""
        return [name for name in self._data if name != self.default_section]

    def has_section(self, section: str) -> bool:
        return section in self._data and section != self.default_section

    def _require(self, section: str) -> dict[str, str]:
        if section not in self._data:
            raise MissingError(f"no section {section!r}")
        return self._data[section]

    def options(self, section: str) -> list[str]:
        """Keys of ``section`` followed by inherited default keys."""
        own = list(self._require(section))
        defaults = self._data[self.default_section]
        return own + [key for key in defaults if key not in own]

    def has_option(self, section: str, key: str) -> bool:
        return section in self._data and key.lower() in self.options(section)

    # -- lookup ------------------------------------------------------------

    def _lookup(self, section: str, key: str) -> str:
        options = self._require(section)
        if key in options:
            return options[key]
        defaults = self._data[self.default_section]
        if key in defaults:
            return defaults[key]
        raise MissingError(f"no option {key!r} in section {section!r}")

    def _interpolate(self, section: str, value: str, depth: int) -> str:
        if depth > MAX_DEPTH:
            raise InterpolationError(f"interpolation too deep in {value!r}")
        out: list[str] = []
        i = 0
        while i < len(value):
            ch = value[i]
            if ch != "$":
                out.append(ch)
                i += 1
                continue
            follower = value[i + 1 : i + 2]
            if follower == "$":
                out.append("$")
                i += 2
                continue
            if follower != "{":
                raise InterpolationError(f"bad '$' at offset {i} in {value!r}")
            end = value.find("}", i + 2)
            if end == -1:
                raise InterpolationError(f"unterminated reference in {value!r}")
            ref = value[i + 2 : end]
            target, _, key = ref.rpartition(":")
            target = target.strip() or section
            try:
                raw = self._lookup(target, key.strip().lower())
            except MissingError as exc:
                raise InterpolationError(f"bad reference ${{{ref}}}: {exc}") from None
            out.append(self._interpolate(target, raw, depth + 1))
            i = end + 1
        return "".join(out)

    def get(self, section: str, key: str, fallback: Any = _MISSING, raw: bool = False) -> Any:
        """Return the (interpolated) value, or ``fallback`` when missing."""
        try:
            value = self._lookup(section, key.lower())
        except MissingError:
            if fallback is _MISSING:
                raise
            return fallback
        return value if raw else self._interpolate(section, value, 1)

    def _typed(self, section: str, key: str, fallback: Any, convert: Any) -> Any:
        value = self.get(section, key, fallback=_MISSING if fallback is _MISSING else None)
        if value is None:
            return fallback
        try:
            return convert(value)
        except ValueError:
            raise ValueError(f"[{section}] {key}: invalid value {value!r}") from None

    def getint(self, section: str, key: str, fallback: Any = _MISSING) -> Any:
        return self._typed(section, key, fallback, int)

    def getfloat(self, section: str, key: str, fallback: Any = _MISSING) -> Any:
        return self._typed(section, key, fallback, float)

    def getbool(self, section: str, key: str, fallback: Any = _MISSING) -> Any:
        return self._typed(section, key, fallback, _to_bool)

    def items(self, section: str) -> dict[str, str]:
        """All options of ``section`` (including defaults), interpolated."""
        return {key: self.get(section, key) for key in self.options(section)}


def _to_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(text)


def parse(text: str, default_section: str = "DEFAULT") -> Config:
    """Convenience: build a :class:`Config` from INI text."""
    config = Config(default_section)
    config.read_string(text)
    return config
