"""Snippets: the passage with most query words, found with bounded work whatever the text."""

from __future__ import annotations

from reader.search import snippets
from reader.search.snippets import make_snippet, query_terms


def test_the_sentence_with_most_query_words_wins():
    text = "Pain in the back. Needles may ease back pain and stiffness. Nothing else here."
    snippet = make_snippet(text, query_terms(["back", "stiffness"], None))
    assert snippet.text == "Needles may ease back pain and stiffness."
    assert "<b>stiffness</b>" in snippet.html


def test_a_huge_text_with_a_match_in_every_word_examines_a_bounded_number(monkeypatch):
    """A valid 5 MB factsheet in a third-party pack once made one search take 31 s: the
    grouping was quadratic in the number of matches."""
    examined = []
    real = snippets.QueryTerms.matched_term

    def counting(self, word):
        examined.append(word)
        return real(self, word)

    monkeypatch.setattr(snippets.QueryTerms, "matched_term", counting)
    text = "needles " * 700_000  # 5.6 MB, no full stop anywhere
    snippet = make_snippet(text, query_terms(["needles"], None))
    assert "<b>needles</b>" in snippet.html and len(snippet.text) <= snippets.MAX_CHARS + 4
    assert len(examined) <= snippets.MAX_MATCHES
