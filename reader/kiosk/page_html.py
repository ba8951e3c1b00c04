"""Rendered pages made ready for a kiosk: links that would leave the app become plain text.

A patient cannot open a browser on the kiosk, so a DOI, PubMed or web link is shown as words (with
its address when the words do not already say it) that the reader can note down, and nothing
happens when it is touched. Links within the page (`#ref-...`) and to other factsheets stay.
"""

from __future__ import annotations

import html
import re

from reader.render.page import FACTSHEET_SCHEME

_LINK = re.compile(r"<a\s(?P<attrs>[^>]*?)href=\"(?P<href>[^\"]*)\"(?P<rest>[^>]*)>(?P<text>.*?)</a>",
                   re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SELF_DESCRIBING = ("doi:", "pubmed", "pmc", "http:", "https:", "www.")


def is_internal_link(href: str) -> bool:
    """True for links the kiosk follows itself: within the page, or to another factsheet."""
    return href.startswith("#") or href.startswith(f"{FACTSHEET_SCHEME}:")


def unlink_external(page_html: str) -> str:
    """`page_html` with every link to outside the app replaced by its text (and address)."""

    def replace(match: re.Match) -> str:
        href = match.group("href")
        if is_internal_link(href):
            return match.group(0)
        text = match.group("text")
        words = html.unescape(_TAG.sub("", text)).strip().lower()
        shown = f'<span class="extlink">{text}</span>'
        if href and not words.startswith(_SELF_DESCRIBING):
            address = re.sub(r"^[a-z]+:(//)?", "", href, flags=re.IGNORECASE).rstrip("/")
            shown += f' <span class="muted">({address})</span>'
        return shown

    return _LINK.sub(replace, page_html)
