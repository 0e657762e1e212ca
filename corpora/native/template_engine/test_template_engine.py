from types import SimpleNamespace

import pytest

from template_engine import (
    MISSING,
    MissingVariableError,
    Section,
    Template,
    TemplateSyntaxError,
    Text,
    Variable,
    escape_html,
    lookup,
    parse,
    render,
)


def test_plain_text_unchanged():
    assert render("no tags here") == "no tags here"


def test_empty_template():
    assert render("") == ""
    assert parse("") == []


def test_simple_variable():
    assert render("Hello, {{name}}!", {"name": "Ann"}) == "Hello, Ann!"


def test_whitespace_inside_tag():
    assert render("{{  name  }}", {"name": "x"}) == "x"


def test_missing_variable_renders_empty():
    assert render("[{{nope}}]", {}) == "[]"


def test_none_renders_empty_and_numbers_stringify():
    assert render("{{a}}|{{b}}|{{c}}", {"a": None, "b": 0, "c": 2.5}) == "|0|2.5"


def test_variable_is_html_escaped():
    assert render("{{v}}", {"v": "<b>\"Tom\" & 'Jerry'</b>"}) == (
        "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
    )


def test_triple_mustache_is_raw():
    assert render("{{{v}}}", {"v": "<i>x</i>"}) == "<i>x</i>"


def test_ampersand_is_raw():
    assert render("{{& v}}", {"v": "a&b"}) == "a&b"


def test_escape_html_function():
    assert escape_html("a<b>&") == "a&lt;b&gt;&amp;"


def test_dotted_lookup_dicts():
    assert render("{{user.address.city}}", {"user": {"address": {"city": "Oslo"}}}) == "Oslo"


def test_dotted_lookup_attributes():
    ctx = {"user": SimpleNamespace(name="Bo")}
    assert render("{{user.name}}", ctx) == "Bo"


def test_dotted_lookup_missing_part():
    assert render("{{user.age}}", {"user": {"name": "x"}}) == ""


def test_dotted_lookup_list_index():
    ctx = {"items": ["a", "b"]}
    assert render("{{items.0}}{{items.1}}{{items.2}}", ctx) == "ab"


def test_object_context():
    assert render("{{x}}", SimpleNamespace(x=5)) == "5"


def test_section_loops_over_list():
    tpl = "{{#items}}<{{name}}>{{/items}}"
    assert render(tpl, {"items": [{"name": "a"}, {"name": "b"}]}) == "<a><b>"


def test_section_with_dot_for_scalars():
    assert render("{{#nums}}{{.}},{{/nums}}", {"nums": [1, 2, 3]}) == "1,2,3,"


def test_section_empty_list_skipped():
    assert render("a{{#items}}X{{/items}}b", {"items": []}) == "ab"


@pytest.mark.parametrize("value", [False, None, 0, "", [], {}])
def test_section_falsy_values_skip(value):
    assert render("{{#v}}shown{{/v}}", {"v": value}) == ""


@pytest.mark.parametrize("value", [True, 1, "yes", [0], {"k": 1}])
def test_section_truthy_values_render(value):
    assert render("{{#v}}shown{{/v}}", {"v": value}) == "shown"


def test_section_missing_is_skipped():
    assert render("{{#v}}shown{{/v}}", {}) == ""


def test_section_with_dict_pushes_context():
    ctx = {"person": {"name": "Kim"}, "name": "outer"}
    assert render("{{#person}}{{name}}{{/person}}-{{name}}", ctx) == "Kim-outer"


def test_section_falls_back_to_outer_context():
    ctx = {"items": [{"n": 1}, {"n": 2}], "sep": ";"}
    assert render("{{#items}}{{n}}{{sep}}{{/items}}", ctx) == "1;2;"


def test_nested_sections():
    ctx = {"rows": [{"cells": [1, 2]}, {"cells": [3]}]}
    tpl = "{{#rows}}[{{#cells}}{{.}}{{/cells}}]{{/rows}}"
    assert render(tpl, ctx) == "[12][3]"


def test_section_over_tuple():
    assert render("{{#t}}{{.}}{{/t}}", {"t": ("x", "y")}) == "xy"


def test_inverted_section_renders_when_empty():
    tpl = "{{#items}}{{.}}{{/items}}{{^items}}none{{/items}}"
    assert render(tpl, {"items": []}) == "none"
    assert render(tpl, {"items": ["a"]}) == "a"


def test_inverted_section_missing_value():
    assert render("{{^flag}}off{{/flag}}", {}) == "off"


def test_inverted_section_truthy_skips():
    assert render("{{^flag}}off{{/flag}}", {"flag": True}) == ""


def test_comment_is_ignored():
    assert render("a{{! this is ignored }}b") == "ab"


def test_comment_ignored_in_strict_mode():
    assert render("a{{! note }}b", {}, strict=True) == "ab"


def test_empty_comment():
    assert render("a{{!}}b") == "ab"


def test_missing_intermediate_stops_lookup():
    assert render("{{a.b.__class__}}", {"a": {}}) == ""


def test_digit_key_on_string_is_missing():
    assert render("{{s.0}}", {"s": "abc"}) == ""


def test_non_digit_key_on_list_is_missing():
    assert render("{{items.first}}", {"items": [1]}) == ""


def test_template_render_default_not_strict():
    assert Template("[{{x}}]").render({}) == "[]"


def test_closing_braces_before_raw_tag():
    assert render("x}}}{{{y}}}", {"y": 1}) == "x}}}1"


def test_error_line_with_leading_newline():
    with pytest.raises(TemplateSyntaxError) as info:
        parse("\n{{")
    assert info.value.line == 2


def test_error_reports_innermost_unclosed_section():
    with pytest.raises(TemplateSyntaxError) as info:
        parse("{{#a}}\n{{#b}}")
    assert info.value.line == 2
    assert "unclosed section 'b'" in str(info.value)


def test_render_without_context():
    assert render("x{{y}}z") == "xz"


def test_template_reusable():
    tpl = Template("{{a}}+{{b}}")
    assert tpl.render({"a": 1, "b": 2}) == "1+2"
    assert tpl.render({"a": "x", "b": "y"}) == "x+y"


def test_strict_missing_variable_raises():
    with pytest.raises(MissingVariableError) as info:
        render("{{known}} {{unknown}}", {"known": 1}, strict=True)
    assert info.value.args == ("unknown",)


def test_strict_missing_section_raises():
    with pytest.raises(MissingVariableError):
        render("{{#ghost}}x{{/ghost}}", {}, strict=True)


def test_strict_present_values_ok():
    assert render("{{#a}}{{b}}{{/a}}", {"a": [{"b": 0}]}, strict=True) == "0"


def test_strict_inverted_on_present_false():
    assert render("{{^a}}no{{/a}}", {"a": False}, strict=True) == "no"


def test_parse_tree():
    assert parse("hi {{#s}}{{x}}{{{y}}}{{/s}}!") == [
        Text("hi "),
        Section("s", False, 1, [Variable("x", True), Variable("y", False)]),
        Text("!"),
    ]


def test_parse_inverted_section_line_number():
    nodes = parse("a\nb\n{{^q}}{{/q}}")
    assert nodes[1] == Section("q", True, 3, [])


def test_lookup_dot_and_missing():
    stack = [{"a": {"b": 2}}, 7]
    assert lookup(stack, ".") == 7
    assert lookup(stack, "a.b") == 2
    assert lookup([{"a": 1}], "zz") is MISSING
    assert lookup([{"a": 1}], "a.b") is MISSING


def test_lookup_innermost_frame_wins():
    assert lookup([{"k": "outer"}, {"k": "inner"}], "k") == "inner"


def test_error_unclosed_double_tag():
    with pytest.raises(TemplateSyntaxError) as info:
        parse("line\n{{name")
    assert info.value.line == 2
    assert "unclosed tag '{{'" in str(info.value)


def test_error_unclosed_triple_tag():
    with pytest.raises(TemplateSyntaxError, match=r"line 1: unclosed tag '\{\{\{'"):
        parse("{{{raw}}")


def test_error_unclosed_section():
    with pytest.raises(TemplateSyntaxError) as info:
        parse("x\n{{#outer}}\n{{#inner}}{{/inner}}")
    assert info.value.line == 2
    assert "unclosed section 'outer'" in str(info.value)


def test_error_mismatched_close():
    with pytest.raises(TemplateSyntaxError) as info:
        parse("{{#a}}\n{{/b}}")
    assert info.value.line == 2
    assert "closing tag 'b' does not match 'a'" in str(info.value)


def test_error_close_without_open():
    with pytest.raises(TemplateSyntaxError, match="unexpected closing tag 'a'"):
        parse("{{/a}}")


def test_error_empty_tag():
    with pytest.raises(TemplateSyntaxError, match="line 1: empty tag"):
        parse("{{ }}")


@pytest.mark.parametrize("source", ["{{}}", "{{{}}}", "{{{ }}}"])
def test_error_empty_tag_without_spaces(source):
    with pytest.raises(TemplateSyntaxError, match="empty tag"):
        parse(source)


def test_error_empty_section_name():
    with pytest.raises(TemplateSyntaxError, match="empty tag"):
        parse("{{#}}{{/}}")


def test_single_braces_are_text():
    assert render("{a} {{b}} }", {"b": 1}) == "{a} 1 }"
