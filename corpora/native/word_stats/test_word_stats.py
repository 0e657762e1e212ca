import math

import pytest

from word_stats import (
    count_syllables,
    flesch_reading_ease,
    inverse_document_frequency,
    ngrams,
    sentences,
    term_frequency,
    tf_idf,
    top_k,
    word_frequencies,
    words,
)


def test_words_basic_lowercased():
    assert words("Hello, World! It's 2024.") == ["hello", "world", "it's", "2024"]


def test_words_keep_case():
    assert words("Big cat", lowercase=False) == ["Big", "cat"]


def test_words_apostrophes_and_punctuation():
    assert words("'quoted' don't rock'n'roll -- x") == ["quoted", "don't", "rock'n'roll", "x"]


def test_words_empty():
    assert words("  ... !!") == []


def test_sentences_basic():
    assert sentences("One. Two! Three?") == ["One.", "Two!", "Three?"]


def test_sentences_tail_without_terminator():
    assert sentences("First one. Second one") == ["First one.", "Second one"]


def test_sentences_empty():
    assert sentences("") == []
    assert sentences("   ") == []


def test_sentences_terminator_runs():
    assert sentences("Really?! Yes... ok") == ["Really?!", "Yes...", "ok"]


def test_sentences_dot_inside_token_does_not_split():
    assert sentences("Pi is 3.14 roughly. Next") == ["Pi is 3.14 roughly.", "Next"]


def test_sentences_abbreviations():
    assert sentences("Dr. Smith met Mr. Jones. They talked.") == [
        "Dr. Smith met Mr. Jones.",
        "They talked.",
    ]


def test_sentences_dotted_abbreviation():
    assert sentences("Use tools, e.g. hammers. Done.") == ["Use tools, e.g. hammers.", "Done."]


def test_sentences_abbreviation_case_insensitive_and_at_start():
    assert sentences("ETC. more") == ["ETC. more"]


def test_sentences_ellipsis_after_abbreviation_still_splits():
    assert sentences("See Dr... Then") == ["See Dr...", "Then"]


def test_sentences_unknown_word_splits():
    assert sentences("I saw Drake. He sang.") == ["I saw Drake.", "He sang."]


def test_sentences_only_terminators():
    assert sentences("?! .") == ["?!", "."]


def test_sentences_leading_terminator():
    assert sentences(". x") == [".", "x"]


def test_sentences_newlines_as_boundary():
    assert sentences("Line one.\nLine two.") == ["Line one.", "Line two."]


def test_word_frequencies():
    assert word_frequencies(["a", "b", "a", "c", "a"]) == {"a": 3, "b": 1, "c": 1}


def test_word_frequencies_empty():
    assert word_frequencies([]) == {}


def test_top_k_orders_by_count_then_alpha():
    tokens = ["b", "a", "c", "b", "a", "d", "b"]
    assert top_k(tokens, 3) == [("b", 3), ("a", 2), ("c", 1)]


def test_top_k_more_than_available():
    assert top_k(["x", "y"], 5) == [("x", 1), ("y", 1)]


@pytest.mark.parametrize("k", [0, -1])
def test_top_k_non_positive(k):
    assert top_k(["a", "b", "c"], k) == []


def test_top_k_ties_alphabetical_not_insertion_order():
    assert top_k(["b", "a", "b", "a", "c"], 3) == [("a", 2), ("b", 2), ("c", 1)]


def test_top_k_one():
    assert top_k(["z", "z", "a"], 1) == [("z", 2)]


def test_ngrams_bigrams():
    assert ngrams(["a", "b", "c", "d"], 2) == [("a", "b"), ("b", "c"), ("c", "d")]


def test_ngrams_unigrams():
    assert ngrams(["a", "b"], 1) == [("a",), ("b",)]


def test_ngrams_exact_length():
    assert ngrams(["a", "b", "c"], 3) == [("a", "b", "c")]


def test_ngrams_too_long():
    assert ngrams(["a", "b"], 3) == []


def test_ngrams_invalid_n():
    with pytest.raises(ValueError):
        ngrams(["a"], 0)


def test_term_frequency():
    assert term_frequency(["a", "b", "a", "a"]) == {"a": 0.75, "b": 0.25}


def test_inverse_document_frequency():
    idf = inverse_document_frequency([["a", "b"], ["a"], ["a", "c", "c"]])
    assert idf["a"] == pytest.approx(math.log(4 / 4) + 1)
    assert idf["b"] == pytest.approx(math.log(4 / 2) + 1)
    assert idf["c"] == pytest.approx(math.log(4 / 2) + 1)


def test_tf_idf_values():
    result = tf_idf(["the cat sat", "the dog", ""])
    assert result[2] == {}
    assert result[0]["the"] == pytest.approx((1 / 3) * (math.log(4 / 3) + 1))
    assert result[0]["cat"] == pytest.approx((1 / 3) * (math.log(4 / 2) + 1))
    assert result[1]["dog"] == pytest.approx(0.5 * (math.log(4 / 2) + 1))
    assert set(result[1]) == {"the", "dog"}


def test_tf_idf_rare_word_outweighs_common():
    result = tf_idf(["apple banana", "apple cherry", "apple banana"])
    assert result[1]["cherry"] > result[1]["apple"]
    assert result[0]["banana"] < result[1]["cherry"]


def test_tf_idf_empty_corpus():
    assert tf_idf([]) == []


@pytest.mark.parametrize(
    "word, expected",
    [
        ("", 0),
        ("123", 0),
        ("a", 1),
        ("the", 1),
        ("cat", 1),
        ("cake", 1),
        ("table", 2),
        ("free", 1),
        ("eye", 1),
        ("makes", 1),
        ("boxes", 2),
        ("horses", 2),
        ("wishes", 2),
        ("jumped", 1),
        ("wanted", 2),
        ("needed", 2),
        ("reading", 2),
        ("beautiful", 3),
        ("syllable", 3),
        ("Readily!", 3),
        ("rhythm", 1),
        ("happy", 2),
        ("aha", 1),
        ("area", 2),
        ("open", 2),
        ("celebrate", 3),
        ("celebrates", 3),
        ("celebrated", 4),
        ("remembered", 3),
        ("psst", 1),
    ],
)
def test_count_syllables(word, expected):
    assert count_syllables(word) == expected


def test_flesch_simple_text():
    # 9 words, 2 sentences, 9 syllables
    expected = round(206.835 - 1.015 * (9 / 2) - 84.6 * (9 / 9), 2)
    assert flesch_reading_ease("The cat sat on the mat. It was glad.") == expected
    assert expected == 117.67


def test_flesch_harder_text_scores_lower():
    easy = flesch_reading_ease("The dog ran. The cat sat.")
    hard = flesch_reading_ease(
        "Comprehensive institutional considerations necessitate extraordinary deliberation."
    )
    assert hard < easy


def test_flesch_single_sentence_without_terminator():
    expected = round(206.835 - 1.015 * 3 - 84.6 * (4 / 3), 2)
    assert flesch_reading_ease("big happy dog") == expected


def test_flesch_no_words():
    with pytest.raises(ValueError):
        flesch_reading_ease("... !")
