import dataclasses

import pytest

from url_tools import (
    URL,
    build_query,
    normalize_path,
    normalize_url,
    parse_query,
    parse_url,
    percent_decode,
    percent_encode,
    query_dict,
    urljoin,
)


@pytest.mark.parametrize(
    "text, safe, expected",
    [
        ("abcXYZ019-._~", "/", "abcXYZ019-._~"),
        ("a b", "/", "a%20b"),
        ("/path/x", "/", "/path/x"),
        ("/path/x", "", "%2Fpath%2Fx"),
        ("a&b=c", "&", "a&b%3Dc"),
        ("\u00e9", "/", "%C3%A9"),
        ("\u20ac", "/", "%E2%82%AC"),
        ("%", "/", "%25"),
        ("", "/", ""),
    ],
)
def test_percent_encode(text, safe, expected):
    assert percent_encode(text, safe) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a%20b", "a b"),
        ("%C3%A9t%c3%a9", "\u00e9t\u00e9"),
        ("a+b", "a+b"),
        ("100%25", "100%"),
        ("plain", "plain"),
        ("\u00fc", "\u00fc"),
    ],
)
def test_percent_decode(text, expected):
    assert percent_decode(text) == expected


def test_percent_decode_plus_as_space():
    assert percent_decode("a+b%2B", plus_as_space=True) == "a b+"


def test_percent_decode_invalid_utf8_replaced():
    assert percent_decode("%FF") == "\ufffd"


@pytest.mark.parametrize("text, index", [("%", 0), ("ab%4", 2), ("%zz", 0), ("%4g", 0), ("x%g4", 1)])
def test_percent_decode_malformed(text, index):
    with pytest.raises(ValueError, match=f"at index {index}"):
        percent_decode(text)


def test_round_trip_encode_decode():
    text = "caf\u00e9 & cr\u00e8me / 100%"
    assert percent_decode(percent_encode(text)) == text


def test_parse_query():
    assert parse_query("a=1&b=two+words&c=%26&flag&=v&a=") == [
        ("a", "1"),
        ("b", "two words"),
        ("c", "&"),
        ("flag", ""),
        ("", "v"),
        ("a", ""),
    ]


def test_parse_query_plus_in_key():
    assert parse_query("a+b=c+d") == [("a b", "c d")]


def test_parse_query_empty_and_extra_ampersands():
    assert parse_query("") == []
    assert parse_query("&&x=1&") == [("x", "1")]


def test_parse_query_value_with_equals():
    assert parse_query("eq=a=b") == [("eq", "a=b")]


def test_query_dict_groups_values():
    assert query_dict("a=1&b=2&a=3") == {"a": ["1", "3"], "b": ["2"]}


def test_build_query_from_mapping():
    assert build_query({"q": "hello world", "n": 5}) == "q=hello+world&n=5"


def test_build_query_lists_and_none():
    assert build_query({"tag": ["a", "b&c"], "flag": None}) == "tag=a&tag=b%26c&flag"


def test_build_query_from_pairs_keeps_order():
    assert build_query([("z", "1"), ("a", ("2", None))]) == "z=1&a=2&a"


def test_build_query_encodes_keys_and_slashes():
    assert build_query({"a b/c": "x/y+z"}) == "a+b%2Fc=x%2Fy%2Bz"


def test_build_then_parse_round_trip():
    pairs = [("k", "v 1"), ("k", "\u00e9"), ("e", "")]
    assert parse_query(build_query(pairs)) == pairs


def test_parse_url_full():
    url = parse_url("HTTPS://bob:s3cret@Example.COM:8443/a/b?x=1&y=2#frag")
    assert url == URL("https", "bob", "s3cret", "example.com", 8443, "/a/b", "x=1&y=2", "frag")


def test_parse_url_minimal_host():
    assert parse_url("http://example.org") == URL(scheme="http", host="example.org")


def test_parse_url_user_without_password():
    url = parse_url("ftp://anon@host/")
    assert (url.user, url.password, url.host, url.path) == ("anon", None, "host", "/")


def test_parse_url_empty_password():
    url = parse_url("ftp://anon:@host")
    assert (url.user, url.password) == ("anon", "")


def test_parse_url_at_sign_in_userinfo_uses_last():
    url = parse_url("http://a@b@host/")
    assert (url.user, url.host) == ("a@b", "host")


def test_parse_url_ipv6_with_port():
    url = parse_url("http://[::1]:8080/x")
    assert (url.host, url.port, url.path) == ("::1", 8080, "/x")


def test_parse_url_ipv6_without_port():
    assert parse_url("http://[FE80::1]").host == "fe80::1"


def test_parse_url_no_scheme_relative():
    assert parse_url("../a/b?q#f") == URL(path="../a/b", query="q", fragment="f")


def test_parse_url_empty_query_and_fragment_kept():
    url = parse_url("http://h/p?#")
    assert (url.query, url.fragment) == ("", "")
    assert str(url) == "http://h/p?#"


def test_parse_url_mailto():
    assert parse_url("mailto:someone@example.com") == URL(
        scheme="mailto", path="someone@example.com"
    )


def test_parse_url_question_mark_in_fragment():
    url = parse_url("/p#a?b")
    assert (url.path, url.query, url.fragment) == ("/p", None, "a?b")


def test_parse_url_port_boundaries():
    assert parse_url("http://h:0").port == 0
    assert parse_url("http://h:65535").port == 65535


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://h:65536/", "invalid port '65536'"),
        ("http://h:8a/", "invalid port '8a'"),
        ("http://h:-1/", "invalid port '-1'"),
        ("http://[::1/", "unterminated IPv6 address"),
        ("http://[::1]x/", "invalid characters after IPv6 address"),
    ],
)
def test_parse_url_invalid_authority(url, message):
    with pytest.raises(ValueError) as info:
        parse_url(url)
    assert str(info.value) == message


def test_parse_url_empty_authority():
    url = parse_url("file:///etc/passwd")
    assert (url.scheme, url.host, url.path) == ("file", "", "/etc/passwd")
    assert str(url) == "file:///etc/passwd"


def test_parse_url_empty_port_is_none():
    assert parse_url("http://h:/").port is None


def test_url_str_round_trip():
    text = "https://u:p@[::1]:99/a%20b?q=1#top"
    assert str(parse_url(text)) == text


def test_url_str_empty_user_info():
    assert str(URL(scheme="s", user="", host="h")) == "s://@h"


def test_url_authority_without_host():
    assert URL(path="x").authority() == ""


@pytest.mark.parametrize(
    "path, expected",
    [
        ("", ""),
        ("/", "/"),
        ("/a/b/c", "/a/b/c"),
        ("/a/./b", "/a/b"),
        ("/a/b/../c", "/a/c"),
        ("/a/b/c/./../../g", "/a/g"),
        ("/a/b/..", "/a/"),
        ("/a/b/.", "/a/b/"),
        ("/..", "/"),
        ("/../../x", "/x"),
        ("a/./b/../c", "a/c"),
        ("/a//../b", "/a/b"),
        ("/a/b/", "/a/b/"),
        (".", ""),
        ("./x", "x"),
    ],
)
def test_normalize_path(path, expected):
    assert normalize_path(path) == expected


BASE = "http://a/b/c/d;p?q"


@pytest.mark.parametrize(
    "ref, expected",
    [
        ("g", "http://a/b/c/g"),
        ("./g", "http://a/b/c/g"),
        ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"),
        ("//g", "http://g"),
        ("?y", "http://a/b/c/d;p?y"),
        ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"),
        ("g#s", "http://a/b/c/g#s"),
        ("", "http://a/b/c/d;p?q"),
        (".", "http://a/b/c/"),
        ("..", "http://a/b/"),
        ("../g", "http://a/b/g"),
        ("../..", "http://a/"),
        ("../../../g", "http://a/g"),
        ("/./g", "http://a/g"),
        ("g/../h", "http://a/b/c/h"),
        ("https://x.org/p/../q", "https://x.org/q"),
        ("//other/x/./y", "http://other/x/y"),
    ],
)
def test_urljoin(ref, expected):
    assert urljoin(BASE, ref) == expected


def test_urljoin_base_without_path():
    assert urljoin("http://host", "page") == "http://host/page"


def test_urljoin_base_without_path_keeps_query_when_ref_empty():
    assert urljoin("http://host?a=1", "") == "http://host?a=1"


def test_urljoin_drops_base_fragment():
    assert urljoin("http://h/a#old", "b") == "http://h/b"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("HTTP://Example.COM:80/a/./b/../c", "http://example.com/a/c"),
        ("https://h:443", "https://h/"),
        ("https://h:8443/", "https://h:8443/"),
        ("ftp://h:21/f", "ftp://h/f"),
        ("ftp://h:80/f", "ftp://h:80/f"),
        ("ws://h:80/s", "ws://h/s"),
        ("wss://h:443/s", "wss://h/s"),
        ("wss://h:80/s", "wss://h:80/s"),
        ("http://h:8080/", "http://h:8080/"),
        ("http://h:443/", "http://h:443/"),
        ("foo://h:80/x", "foo://h:80/x"),
        ("/rel/../x?q", "/x?q"),
    ],
)
def test_normalize_url(url, expected):
    assert normalize_url(url) == expected


def test_url_is_immutable():
    url = parse_url("http://h/")
    with pytest.raises(dataclasses.FrozenInstanceError):
        url.host = "other"
