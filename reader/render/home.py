"""The home page: every condition by category and A–Z, with a letter bar to jump."""

from __future__ import annotations

import html

from reader.content.store import ContentStore, sort_key
from reader.render.dates import long_date
from reader.render.page import factsheet_url
from reader.render.theme import LIGHT, Theme, stylesheet

COLUMNS = 3
RECENT_UPDATES = 200  # factsheets looked at for "Recently updated", newest first
RECENT_PER_DAY = 8  # titles named for one day; more are counted


def letter_of(title: str) -> str:
    key = sort_key(title)
    return key[:1].upper() if key[:1].isalpha() else "#"


def render_home(store: ContentStore, theme: Theme = LIGHT, notice: str | None = None) -> str:
    """The home page HTML for `store` (with an optional notice at the top)."""
    e = html.escape
    title = store.pack.title if store.pack else "Acupuncture research factsheets"
    parts = [f"<html><head><style>{stylesheet(theme)}</style></head><body>",
             '<a name="top"></a>', f"<h1>{e(title)}</h1>"]
    if notice:
        parts.append(f'<p class="notice">{e(notice)}</p>')  # coloured by the theme
    parts.append(
        f'<p class="question">What the research says about acupuncture for {len(store)} '
        "conditions. Search above, or choose a condition below.</p>")
    if not len(store):
        parts.append("<p>No factsheets are available.</p></body></html>")
        return "\n".join(parts)

    parts.append(_recently_updated(store))
    groups = store.by_category()
    parts.append("<h2>Browse by category</h2><p>")
    parts.append(" · ".join(
        f'<a href="#cat-{cid}">{e(label)}</a>&nbsp;<span class="muted">({len(items)})</span>'
        for cid, label, items in groups))
    parts.append("</p>")

    letters = sorted({letter_of(s.title) for s in store})
    parts.append('<h2>A–Z</h2><p class="letters">' + " ".join(
        f'<a href="#letter-{c}">&nbsp;{c}&nbsp;</a>' for c in letters) + "</p>")
    by_letter: dict[str, list] = {}
    for sheet in store:
        by_letter.setdefault(letter_of(sheet.title), []).append(sheet)
    blocks = []
    for c in letters:
        links = "<br/>".join(f'<a href="{factsheet_url(s.slug)}">{e(s.title)}</a>'
                             for s in by_letter[c])
        blocks.append((f'<a name="letter-{c}"></a><b>{c}</b><br/>{links}', len(by_letter[c]) + 1))
    parts.append(_newspaper(blocks))

    for cid, label, items in groups:
        parts.append(f'<a name="cat-{cid}"></a><h2>{e(label)} '
                     f'<span class="muted small">({len(items)})</span></h2>')
        parts.append(_columns([f'<a href="{factsheet_url(s.slug)}">{e(s.title)}</a>'
                               for s in items]))
    if store.pack:
        parts.append(f'<hr/><p class="small muted">{e(store.pack.publisher)} · '
                     f"content {e(store.pack.version)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def recently_updated(store: ContentStore, limit: int = RECENT_UPDATES) -> list:
    """The factsheets whose change logs have the newest entries, newest first (then A–Z); a
    factsheet whose only entry is its first publication has not been updated."""
    updated = [s for s in store if len(s.changes) > 1]
    updated.sort(key=lambda s: sort_key(s.title))
    updated.sort(key=lambda s: s.changes[0].date, reverse=True)
    return updated[:limit]


def _recently_updated(store: ContentStore) -> str:
    """The latest updates by day: each day's factsheets as links (their pages say what changed)."""
    sheets = recently_updated(store)
    if not sheets:
        return ""
    e = html.escape
    days: dict = {}
    for sheet in sheets:
        days.setdefault(sheet.changes[0].date, []).append(sheet)
    lines = []
    for day, group in days.items():
        shown = group[:RECENT_PER_DAY]
        links = ", ".join(f'<a href="{factsheet_url(s.slug)}">{e(s.title)}</a>' for s in shown)
        more = len(group) - len(shown)
        if more:  # a day when a whole part of the content was reviewed
            links = (f"{len(group)} factsheets, among them {links} and {more} more (each "
                     "page's foot says what changed)")
        lines.append(f"<b>{e(long_date(day))}:</b> {links}")
    return ('<a name="updated"></a><h2>Recently updated</h2><p>' + "<br/>".join(lines) + "</p>")


def _newspaper(blocks: list[tuple[str, int]]) -> str:
    """Blocks (html, height in lines) flowed down COLUMNS columns of about equal height, so
    short and long groups do not leave gaps the way a grid of rows would."""
    total = sum(h for _, h in blocks)
    target = total / COLUMNS
    columns: list[list[str]] = [[]]
    height = 0
    for html_block, h in blocks:
        if height and height + h / 2 > target * len(columns) and len(columns) < COLUMNS:
            columns.append([])
        columns[-1].append(html_block)
        height += h
    cells = "".join(f'<td valign="top" width="{100 // COLUMNS}%">' + "<br/>".join(col) + "</td>"
                    for col in columns)
    return f'<table width="100%" cellspacing="0" cellpadding="4"><tr>{cells}</tr></table>'


def _columns(cells: list[str]) -> str:
    """Cells laid out down columns (read top to bottom, then across)."""
    rows = -(-len(cells) // COLUMNS)
    out = ['<table width="100%" cellspacing="0" cellpadding="4">']
    for r in range(rows):
        out.append("<tr>")
        for c in range(COLUMNS):
            i = c * rows + r
            out.append(f'<td valign="top" width="{100 // COLUMNS}%">'
                       f'{cells[i] if i < len(cells) else ""}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)
