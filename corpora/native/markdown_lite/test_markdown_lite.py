import pytest

from markdown_lite import escape_html, render, render_inline, safe_url


def test_escape_html_all_specials():
    assert escape_html("<a href=\"x\">'&'</a>") == (
        "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
    )


def test_escape_html_without_quotes():
    assert escape_html("\"a\" & 'b'", quote=False) == "\"a\" &amp; 'b'"


def test_escape_html_ampersand_first():
    assert escape_html("&lt;") == "&amp;lt;"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://x.org", "https://x.org"),
        ("javascript:alert(1)", "#"),
        ("  JavaScript:alert(1)", "#"),
        ("vbscript:x", "#"),
        ("data:text/html,hi", "#"),
        ("/relative/path", "/relative/path"),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain", "plain"),
        ("*em*", "<em>em</em>"),
        ("_em_", "<em>em</em>"),
        ("**strong**", "<strong>strong</strong>"),
        ("__strong__", "<strong>strong</strong>"),
        ("a *b* c", "a <em>b</em> c"),
        ("**a *b* c**", "<strong>a <em>b</em> c</strong>"),
        ("`x < y`", "<code>x &lt; y</code>"),
        ("`*not em*`", "<code>*not em*</code>"),
        ("a ` b", "a ` b"),
        ("**", "**"),
        ("****", "****"),
        ("* alone", "* alone"),
        ("**open", "**open"),
        ("*x", "*x"),
        ("snake_case_name", "snake_case_name"),
        ("a_b_", "a_b_"),
        ("x _em_ y", "x <em>em</em> y"),
        ("*a*b*", "<em>a</em>b*"),
        ("**a** and **b**", "<strong>a</strong> and <strong>b</strong>"),
        ("*a**", "<em>a</em>*"),
        ("``", "<code></code>"),
        ("_start_ of", "<em>start</em> of"),
        ("a<b & c>d", "a&lt;b &amp; c&gt;d"),
    ],
)
def test_render_inline(text, expected):
    assert render_inline(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (r"\*not\*", "*not*"),
        (r"\\", "\\"),
        (r"a\b", "a\\b"),
        ("end\\", "end\\"),
        (r"\[x\](y)", "[x](y)"),
        (r"\`code\`", "`code`"),
    ],
)
def test_render_inline_escapes(text, expected):
    assert render_inline(text) == expected


def test_link_basic():
    assert render_inline("see [docs](https://x.org/a?b=1&c=2) now") == (
        'see <a href="https://x.org/a?b=1&amp;c=2">docs</a> now'
    )


def test_link_label_with_emphasis_and_url_whitespace():
    assert render_inline("[*hi*]( /p )") == '<a href="/p"><em>hi</em></a>'


def test_link_empty_label():
    assert render_inline("[](u)") == '<a href="u"></a>'


def test_link_empty_url():
    assert render_inline("[x]()") == '<a href="">x</a>'


def test_link_label_with_close_paren():
    assert render_inline("[)](u)") == '<a href="u">)</a>'


def test_link_unsafe_scheme():
    assert render_inline("[x](javascript:evil)") == '<a href="#">x</a>'


def test_link_url_quotes_escaped():
    assert render_inline('[x](a"b)') == '<a href="a&quot;b">x</a>'


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[no link]", "[no link]"),
        ("[text] (url)", "[text] (url)"),
        ("[text](unclosed", "[text](unclosed"),
        ("[unclosed", "[unclosed"),
        ("([x)", "([x)"),
    ],
)
def test_not_a_link(text, expected):
    assert render_inline(text) == expected


def test_render_empty():
    assert render("") == ""
    assert render("\n\n  \n") == ""


@pytest.mark.parametrize(
    "line, expected",
    [
        ("# Title", "<h1>Title</h1>"),
        ("###### Six", "<h6>Six</h6>"),
        ("## Closed ##", "<h2>Closed</h2>"),
        ("## C#", "<h2>C#</h2>"),
        ("#", "<h1></h1>"),
        ("### ###", "<h3></h3>"),
        ("#  *em* title", "<h1><em>em</em> title</h1>"),
        ("####### seven", "<p>####### seven</p>"),
        ("#hashtag", "<p>#hashtag</p>"),
    ],
)
def test_headings(line, expected):
    assert render(line) == expected


def test_paragraph_lines_joined():
    assert render("one\ntwo\n\nthree") == "<p>one two</p>\n<p>three</p>"


def test_paragraph_escapes_html():
    assert render("<script>") == "<p>&lt;script&gt;</p>"


def test_heading_interrupts_paragraph():
    assert render("text\n# Head\nmore") == "<p>text</p>\n<h1>Head</h1>\n<p>more</p>"


def test_unordered_list_markers():
    assert render("- a\n* b\n+ c") == "<ul><li>a</li><li>b</li><li>c</li></ul>"


def test_ordered_list():
    assert render("1. one\n2. *two*") == "<ol><li>one</li><li><em>two</em></li></ol>"


def test_ordered_list_start_attribute():
    assert render("3. c\n4. d") == '<ol start="3"><li>c</li><li>d</li></ol>'


def test_list_continuation_line():
    assert render("- first\n  continued\n- second") == (
        "<ul><li>first continued</li><li>second</li></ul>"
    )


def test_list_continuation_single_space_goes_to_last_item():
    assert render("- a\n- b\n c") == "<ul><li>a</li><li>b c</li></ul>"


def test_paragraph_list_paragraph():
    assert render("intro\n- a\nmore") == (
        "<p>intro</p>\n<ul><li>a</li></ul>\n<p>more</p>"
    )


def test_list_type_switch_starts_new_list():
    assert render("- a\n1. b") == "<ul><li>a</li></ul>\n<ol><li>b</li></ol>"


def test_paragraph_then_list():
    assert render("intro\n- a") == "<p>intro</p>\n<ul><li>a</li></ul>"


def test_list_then_unindented_text_is_paragraph():
    assert render("- a\ntext") == "<ul><li>a</li></ul>\n<p>text</p>"


def test_blank_line_splits_lists():
    assert render("- a\n\n- b") == "<ul><li>a</li></ul>\n<ul><li>b</li></ul>"


def test_heading_after_list():
    assert render("1. x\n## H") == "<ol><li>x</li></ol>\n<h2>H</h2>"


def test_dash_without_space_is_text():
    assert render("-not a list") == "<p>-not a list</p>"


def test_number_without_space_is_text():
    assert render("2.5 apples") == "<p>2.5 apples</p>"


def test_indented_line_without_list_is_paragraph():
    assert render("   indented") == "<p>indented</p>"


def test_full_document():
    source = (
        "# Intro\n"
        "\n"
        "Hello **world** & `code`.\n"
        "\n"
        "- [home](/)\n"
        "- _it_\n"
    )
    assert render(source) == (
        "<h1>Intro</h1>\n"
        "<p>Hello <strong>world</strong> &amp; <code>code</code>.</p>\n"
        '<ul><li><a href="/">home</a></li><li><em>it</em></li></ul>'
    )
