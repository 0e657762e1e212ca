"""Word and sentence statistics.

Tokenizing words and sentences, frequencies, top-k, n-grams, tf-idf, a
syllable-count heuristic and the Flesch reading-ease score.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)*")
_TERMINATORS = ".!?"
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "etc", "vs", "e.g", "i.e"})
_VOWELS = "aeiouy"


def words(text: str, lowercase: bool = True) -> list[str]:
    """Extract words (letters/digits, with inner apostrophes like ``don't``)."""
    found = _WORD.findall(text)
    return [w.lower() for w in found] if lowercase else found


def _previous_word(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:end].lower()


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences ending in ``.``, ``!`` or ``?``.

    A terminator only ends a sentence when followed by whitespace or the end
    of the text, and a single ``.`` after a known abbreviation does not.
    """
    result: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        if text[i] not in _TERMINATORS:
            i += 1
            continue
        run_end = i
        while run_end < n and text[run_end] in _TERMINATORS:
            run_end += 1
        at_boundary = run_end == n or text[run_end].isspace()
        is_abbreviation = (
            text[i] == "." and run_end - i == 1 and _previous_word(text, i) in ABBREVIATIONS
        )
        if at_boundary and not is_abbreviation:
            sentence = text[start:run_end].strip()
            if sentence:
                result.append(sentence)
            start = run_end
        i = run_end
    tail = text[start:].strip()
    if tail:
        result.append(tail)
    return result


def word_frequencies(tokens: Sequence[str]) -> dict[str, int]:
    """Count each token."""
    return dict(Counter(tokens))


def top_k(tokens: Sequence[str], k: int) -> list[tuple[str, int]]:
    """The ``k`` most frequent tokens; ties are broken alphabetically."""
    if k <= 0:
        return []
    counts = word_frequencies(tokens)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:k]


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    """All contiguous n-grams of ``tokens`` in order."""
    if n < 1:
        raise ValueError("n must be at least 1")
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def term_frequency(tokens: Sequence[str]) -> dict[str, float]:
    """Relative frequency of each token within one document."""
    total = len(tokens)
    return {word: count / total for word, count in word_frequencies(tokens).items()}


def inverse_document_frequency(documents: Sequence[Sequence[str]]) -> dict[str, float]:
    """Smoothed idf: ``ln((1 + N) / (1 + df)) + 1`` for each term."""
    doc_count = len(documents)
    df: Counter[str] = Counter()
    for tokens in documents:
        df.update(set(tokens))
    return {term: math.log((1 + doc_count) / (1 + freq)) + 1 for term, freq in df.items()}


def tf_idf(texts: Sequence[str]) -> list[dict[str, float]]:
    """tf-idf weights for every word of every document."""
    documents = [words(text) for text in texts]
    idf = inverse_document_frequency(documents)
    result = []
    for tokens in documents:
        tf = term_frequency(tokens) if tokens else {}
        result.append({term: weight * idf[term] for term, weight in tf.items()})
    return result


def count_syllables(word: str) -> int:
    """Estimate the number of syllables in an English word (0 if no letters)."""
    letters = "".join(ch for ch in word.lower() if ch.isalpha())
    if not letters:
        return 0
    if len(letters) <= 3:
        return 1
    groups = 0
    previous_vowel = False
    for ch in letters:
        is_vowel = ch in _VOWELS
        if is_vowel and not previous_vowel:
            groups += 1
        previous_vowel = is_vowel
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")):
        groups -= 1
    elif letters.endswith("es") and not letters.endswith(("ses", "xes", "zes", "ches", "shes", "ces", "ges")):
        groups -= 1
    elif letters.endswith("ed") and not letters.endswith(("ted", "ded")):
        groups -= 1
    return max(groups, 1)


def flesch_reading_ease(text: str) -> float:
    """Flesch reading-ease score, rounded to two decimals."""
    tokens = words(text)
    if not tokens:
        raise ValueError("text contains no words")
    sentence_count = len(sentences(text))
    syllable_count = sum(count_syllables(token) for token in tokens)
    score = (
        206.835
        - 1.015 * (len(tokens) / sentence_count)
        - 84.6 * (syllable_count / len(tokens))
    )
    return round(score, 2)
