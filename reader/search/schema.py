"""The Whoosh schema: which parts of a factsheet are searchable, and how much each weighs."""

from __future__ import annotations

import reader.search.lean_whoosh  # noqa: F401  # isort: skip  (before Whoosh)
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from reader.search.analysis import plain_analyzer, stemmed_analyzer

# Bump when the schema or analysis changes: the index folder name carries it, so a new version
# never opens an index written by an old one.
SCHEMA_VERSION = 7

# Field weights: title and aliases first, then symptoms, the usual treatments and summary (with
# the question), then body, then the references. The unstemmed `names` and `words` fields serve
# the word being typed.
FIELD_BOOSTS: dict[str, float] = {
    "title": 8.0,
    "aliases": 6.0,
    "symptoms": 2.5,
    "treatments": 2.5,
    "summary": 2.0,
    "body": 1.0,
    "refs": 0.6,
}
# The fields that name a condition: they also hold a hyphenated word's parts, a word common to
# nearly every factsheet still matches in them, and a match in one of them is never "weak".
NAMING_FIELDS = ("title", "aliases", "symptoms", "treatments")
CONCEPT_BOOST = 6.0
NAMES_BOOST = 6.0
WORDS_BOOST = 0.8


def build_schema() -> Schema:
    joined, with_parts = stemmed_analyzer(), stemmed_analyzer(parts=True)
    plain = plain_analyzer()
    fields = {name: TEXT(analyzer=with_parts if name in NAMING_FIELDS else joined,
                         field_boost=boost)
              for name, boost in FIELD_BOOSTS.items()}
    return Schema(
        slug=ID(stored=True, unique=True),
        category=ID(stored=True),
        initial=ID(),  # first letter of the title: a lone typed letter lists titles A–Z
        evidence=ID(stored=True),
        stored_title=STORED(),
        stored_question=STORED(),
        text=STORED(),  # plain summary + body, for snippets
        stored_treatments=STORED(),  # "a, b and c": the snippet of a hit found by a medicine
        concepts=KEYWORD(lowercase=True, scorable=True, field_boost=CONCEPT_BOOST),
        names=TEXT(analyzer=plain, phrase=False, field_boost=NAMES_BOOST),
        words=TEXT(analyzer=plain, phrase=False, field_boost=WORDS_BOOST),
        **fields,
    )
