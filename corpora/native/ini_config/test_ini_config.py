import pytest

from ini_config import (
    Config,
    ConfigError,
    DuplicateError,
    InterpolationError,
    MissingError,
    ParseError,
    parse,
)

SAMPLE = """
# global comment
; another comment
[DEFAULT]
root = /srv
debug = off

[server]
Host = example.org
port: 8080
path = ${root}/www
ratio = 0.75

[client]
url = http://${server:host}:${server:port}/
debug = yes
"""


@pytest.fixture
def cfg():
    return parse(SAMPLE)


def test_sections_exclude_default(cfg):
    assert cfg.sections() == ["server", "client"]


def test_has_section(cfg):
    assert cfg.has_section("server") is True
    assert cfg.has_section("DEFAULT") is False
    assert cfg.has_section("nope") is False


def test_keys_are_lowercased(cfg):
    assert cfg.get("server", "host") == "example.org"
    assert cfg.get("server", "HOST") == "example.org"


def test_colon_separator(cfg):
    assert cfg.get("server", "port") == "8080"


def test_options_include_defaults_after_own(cfg):
    assert cfg.options("server") == ["host", "port", "path", "ratio", "root", "debug"]


def test_options_do_not_repeat_overridden_defaults(cfg):
    assert cfg.options("client") == ["url", "debug", "root"]


def test_options_missing_section(cfg):
    with pytest.raises(MissingError) as info:
        cfg.options("ghost")
    assert str(info.value) == "no section 'ghost'"
    assert info.value.args == ("no section 'ghost'",)


def test_has_option(cfg):
    assert cfg.has_option("server", "ROOT") is True
    assert cfg.has_option("server", "url") is False
    assert cfg.has_option("ghost", "root") is False


def test_default_value_visible_in_section(cfg):
    assert cfg.get("server", "debug") == "off"


def test_section_overrides_default(cfg):
    assert cfg.get("client", "debug") == "yes"


def test_get_from_default_section(cfg):
    assert cfg.get("DEFAULT", "root") == "/srv"


def test_interpolation_same_section_and_default(cfg):
    assert cfg.get("server", "path") == "/srv/www"


def test_interpolation_cross_section(cfg):
    assert cfg.get("client", "url") == "http://example.org:8080/"


def test_raw_get_skips_interpolation(cfg):
    assert cfg.get("server", "path", raw=True) == "${root}/www"


def test_missing_option_raises(cfg):
    with pytest.raises(MissingError) as info:
        cfg.get("server", "nothing")
    assert str(info.value) == "no option 'nothing' in section 'server'"


def test_missing_error_is_key_error(cfg):
    with pytest.raises(KeyError):
        cfg.get("ghost", "x")


def test_get_fallback(cfg):
    assert cfg.get("server", "nothing", fallback="dflt") == "dflt"
    assert cfg.get("ghost", "x", fallback=None) is None


def test_getint(cfg):
    assert cfg.getint("server", "port") == 8080


def test_getint_fallback_when_missing(cfg):
    assert cfg.getint("server", "timeout", fallback=30) == 30


def test_getint_missing_without_fallback(cfg):
    with pytest.raises(MissingError):
        cfg.getint("server", "timeout")


def test_getint_invalid(cfg):
    with pytest.raises(ValueError) as info:
        cfg.getint("server", "host")
    assert str(info.value) == "[server] host: invalid value 'example.org'"


def test_getint_fallback_not_used_when_present(cfg):
    assert cfg.getint("server", "port", fallback=1) == 8080


def test_getfloat(cfg):
    assert cfg.getfloat("server", "ratio") == 0.75
    assert cfg.getfloat("server", "missing", fallback=1.5) == 1.5


@pytest.mark.parametrize(
    "text, expected",
    [("1", True), ("yes", True), ("TRUE", True), ("On", True),
     ("0", False), ("no", False), ("False", False), ("off", False)],
)
def test_getbool_values(text, expected):
    config = parse(f"[s]\nflag = {text}\n")
    assert config.getbool("s", "flag") is expected


def test_getbool_invalid():
    config = parse("[s]\nflag = maybe\n")
    with pytest.raises(ValueError, match="invalid value 'maybe'"):
        config.getbool("s", "flag")


def test_getbool_fallback(cfg):
    assert cfg.getbool("client", "verbose", fallback=False) is False
    assert cfg.getbool("client", "debug", fallback=False) is True


def test_items_interpolated(cfg):
    assert cfg.items("client") == {
        "url": "http://example.org:8080/",
        "debug": "yes",
        "root": "/srv",
    }


def test_value_with_equals_and_colon():
    config = parse("[s]\nurl = http://a/b?c=d\ntime: 12:30\n")
    assert config.get("s", "url") == "http://a/b?c=d"
    assert config.get("s", "time") == "12:30"


def test_pairs_without_spaces():
    config = parse("[s]\na=1\nb:2\n")
    assert (config.get("s", "a"), config.get("s", "b")) == ("1", "2")


def test_interpolation_empty_reference():
    config = parse("[s]\na = x${}y\n")
    with pytest.raises(InterpolationError) as info:
        config.get("s", "a")
    assert str(info.value) == "bad reference ${}: no option '' in section 's'"


def test_empty_value_allowed():
    assert parse("[s]\nkey =\n").get("s", "key") == ""


def test_whitespace_around_header_and_lines():
    config = parse("  [ spaced ]  \n   a = 1   \n")
    assert config.sections() == ["spaced"]
    assert config.get("spaced", "a") == "1"


def test_empty_config():
    config = parse("")
    assert config.sections() == []
    assert config.options("DEFAULT") == []


def test_custom_default_section():
    config = parse("[common]\nx = 1\n[a]\ny = ${x}2\n", default_section="common")
    assert config.sections() == ["a"]
    assert config.get("a", "y") == "12"


def test_dollar_escape():
    assert parse("[s]\nprice = $$5\n").get("s", "price") == "$5"


def test_nested_interpolation_chain():
    config = parse("[s]\na = ${b}!\nb = ${c}${c}\nc = x\n")
    assert config.get("s", "a") == "xx!"


def test_default_value_interpolates_in_requesting_section():
    config = parse("[DEFAULT]\ngreeting = hi ${name}\n[p]\nname = ann\n")
    assert config.get("p", "greeting") == "hi ann"


def test_interpolation_max_depth_reached_exactly():
    lines = [f"k{i} = ${{k{i + 1}}}" for i in range(9)]
    lines.append("k9 = end")
    config = parse("[s]\n" + "\n".join(lines) + "\n")
    assert config.get("s", "k0") == "end"


def test_interpolation_too_deep():
    lines = [f"k{i} = ${{k{i + 1}}}" for i in range(10)]
    lines.append("k10 = end")
    config = parse("[s]\n" + "\n".join(lines) + "\n")
    with pytest.raises(InterpolationError, match="too deep"):
        config.get("s", "k0")


def test_interpolation_cycle():
    config = parse("[s]\na = ${b}\nb = ${a}\n")
    with pytest.raises(InterpolationError, match="too deep"):
        config.get("s", "a")


def test_interpolation_missing_reference():
    config = parse("[s]\na = ${nope}\n")
    with pytest.raises(InterpolationError) as info:
        config.get("s", "a")
    assert str(info.value) == "bad reference ${nope}: no option 'nope' in section 's'"


def test_interpolation_missing_section_reference():
    config = parse("[s]\na = ${other:x}\n")
    with pytest.raises(InterpolationError, match="no section 'other'"):
        config.get("s", "a")


def test_interpolation_bad_dollar():
    config = parse("[s]\na = cost $5\n")
    with pytest.raises(InterpolationError, match="bad '\\$' at offset 5"):
        config.get("s", "a")


def test_interpolation_trailing_dollar():
    config = parse("[s]\na = x$\n")
    with pytest.raises(InterpolationError, match="offset 1"):
        config.get("s", "a")


def test_interpolation_unterminated():
    config = parse("[s]\na = ${b\nb = 1\n")
    with pytest.raises(InterpolationError, match="unterminated"):
        config.get("s", "a")


def test_error_key_outside_section():
    with pytest.raises(ParseError) as info:
        parse("# c\nkey = 1\n")
    assert info.value.line == 2
    assert str(info.value) == "line 2: key outside of any section"


def test_error_duplicate_section():
    with pytest.raises(DuplicateError) as info:
        parse("[a]\nx=1\n[b]\n[a]\n")
    assert info.value.line == 4
    assert "duplicate section 'a'" in str(info.value)


def test_error_duplicate_default_section():
    with pytest.raises(DuplicateError):
        parse("[DEFAULT]\n[DEFAULT]\n")


def test_error_duplicate_key_case_insensitive():
    with pytest.raises(DuplicateError) as info:
        parse("[a]\nName = 1\nname: 2\n")
    assert info.value.line == 3
    assert "duplicate key 'name' in [a]" in str(info.value)


def test_same_key_in_different_sections_is_fine():
    config = parse("[a]\nx = 1\n[b]\nx = 2\n")
    assert (config.get("a", "x"), config.get("b", "x")) == ("1", "2")


def test_error_unterminated_header():
    with pytest.raises(ParseError, match="line 1: unterminated section header"):
        parse("[oops\n")


def test_error_empty_section_name():
    with pytest.raises(ParseError, match="empty section name"):
        parse("[  ]\n")


def test_error_line_without_separator():
    with pytest.raises(ParseError) as info:
        parse("[a]\njust words\n")
    assert info.value.line == 2
    assert "expected 'key = value'" in str(info.value)


def test_error_empty_key():
    with pytest.raises(ParseError, match="line 2: empty key"):
        parse("[a]\n = value\n")


def test_errors_share_base_class():
    with pytest.raises(ConfigError):
        parse("[a]\n[a]\n")


def test_read_string_twice_merges_and_detects_duplicates():
    config = Config()
    config.read_string("[DEFAULT]\nx = 1\n[a]\ny = 2\n")
    config.read_string("[DEFAULT]\nz = 3\n[b]\nw = ${x}\n")
    assert config.sections() == ["a", "b"]
    assert config.get("b", "w") == "1"
    assert config.get("a", "z") == "3"
    with pytest.raises(DuplicateError):
        config.read_string("[a]\n")
