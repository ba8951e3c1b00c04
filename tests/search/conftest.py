"""Fixtures of the search tests."""

from __future__ import annotations

import pytest

from reader.content import load_content
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory):
    """(store, index) of the bundled content, built once for the module."""
    from reader.search.index import open_or_build

    store = load_content(BUNDLED)
    ix = open_or_build(tmp_path_factory.mktemp("bundled-index"), store)
    yield store, ix
    ix.close()
