"""A factsheet as one HTML page for QTextBrowser.

Links in the page use three forms the window understands: `factsheet:SLUG` (another factsheet),
`#ref-KEY` / `#cite-KEY` (jumps within the page) and ordinary `https://` links (system browser).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from reader.content.citations import citation_order, format_vancouver
from reader.content.markup import CITATION_RE, find_citations, is_factsheet_target
from reader.content.model import Factsheet, Reference
from reader.content.store import ContentStore
from reader.render.dates import long_date, month_year
from reader.render.theme import LIGHT, Theme, stylesheet

FACTSHEET_SCHEME = "factsheet"
DISCLAIMER = (
    "This factsheet summarises published research for information only. It is not medical advice "
    "and does not replace a consultation with your GP or another qualified health professional."
)


def factsheet_url(slug: str) -> str:
    return f"{FACTSHEET_SCHEME}:{slug}"


def render_factsheet(sheet: Factsheet, store: ContentStore | None = None,
                     theme: Theme = LIGHT) -> str:
    """The complete HTML page for `sheet` (related titles looked up in `store` when given)."""
    numbers = citation_order([c.keys for c in find_citations(sheet.body)], sheet.references)
    e = html.escape
    badge_bg, badge_fg = theme.badge.get(sheet.evidence.level, ("#555555", "#ffffff"))
    parts = [
        f"<html><head><style>{stylesheet(theme)}</style></head><body>",
        f'<a name="top"></a><p class="kicker">{e(sheet.category_label.upper())}</p>',
        f"<h1>{e(sheet.title)}</h1>",
        f'<p class="question">{e(sheet.question)}</p>',
        _summary_box(sheet, theme),
        '<table cellspacing="0" cellpadding="0" style="margin-top: 12px; margin-bottom: 6px;"><tr>'
        f'<td nowrap style="background-color: {badge_bg}; color: {badge_fg}; padding: 4px 10px; '
        f'font-weight: 600;">&nbsp;{e(sheet.evidence.label)}&nbsp;</td>'
        f'<td style="padding-left: 12px;">{e(sheet.evidence.summary)}</td></tr></table>',
        f'<p class="small muted">{e(sheet.evidence.label)}: {e(sheet.evidence.meaning)}</p>',
        '<a name="symptoms"></a><h2>Symptoms</h2><ul>',
        *(f"<li>{e(s)}</li>" for s in sheet.symptoms),
        "</ul>",
        render_body(sheet, numbers),
        _related(sheet, store),
        _references(sheet, numbers),
        f'<hr/><p class="small muted">Reviewed {long_date(sheet.reviewed)}. '
        f"Next review due {month_year(sheet.next_review)}.</p>",
        f'<p class="small muted">{e(DISCLAIMER)}</p>',
        "</body></html>",
    ]
    return "\n".join(parts)


def _summary_box(sheet: Factsheet, theme: Theme) -> str:
    return (
        '<table width="100%" cellspacing="0" cellpadding="14" '
        f'style="background-color: {theme.summary_bg}; border-left: 4px solid '
        f'{theme.summary_border};"><tr><td>'
        '<p class="label">THE BOTTOM LINE</p>'
        f'<p style="font-size: 12pt; margin-bottom: 0px;">{html.escape(sheet.summary)}</p>'
        "</td></tr></table>"
    )


def render_body(sheet: Factsheet, numbers: dict[str, int]) -> str:
    """The Markdown body as HTML, citations numbered and factsheet links resolved."""
    first_seen: set[str] = set()

    def cite(match) -> str:
        keys = [k.strip()[1:] for k in match.group(1).split(";")]
        links = []
        for key in keys:
            ref = sheet.reference(key)
            n = numbers.get(key)
            if ref is None or n is None:
                links.append(html.escape(f"@{key}"))
                continue
            anchor = "" if key in first_seen else f'<a name="cite-{key}"></a>'
            first_seen.add(key)
            title = html.escape(format_vancouver(ref), quote=True)
            links.append(f'{anchor}<a href="#ref-{key}" title="{title}">{n}</a>')
        return "<sup>[" + ",&#8201;".join(links) + "]</sup>"

    text = CITATION_RE.sub(cite, sheet.body)
    return _markdown_to_html(text)


def _markdown_to_html(text: str) -> str:
    import markdown  # imported on first render, off the start-up path

    md = markdown.Markdown(extensions=["extra", _factsheet_links_extension()], output_format="html")
    return md.convert(text)


def _references(sheet: Factsheet, numbers: dict[str, int]) -> str:
    if not sheet.references:
        return ""
    ordered = sorted(sheet.references, key=lambda r: numbers.get(r.key, 10_000))
    items = ['<a name="references"></a><h2>References</h2>',
             '<table cellspacing="0" cellpadding="3" width="100%">']
    for ref in ordered:
        items.append(
            f'<tr><td valign="top" width="28" align="right">{numbers[ref.key]}.</td>'
            f'<td valign="top">{reference_html(ref)}</td></tr>')
    items.append("</table>")
    return "\n".join(items)


def reference_html(ref: Reference) -> str:
    """One entry of the reference list: citation, links, finding and a link back to the text."""
    e = html.escape
    links = []
    if ref.doi_url:
        links.append(f'<a href="{e(ref.doi_url)}">doi:{e(ref.doi or "")}</a>')
    if ref.pubmed_url:
        links.append(f'<a href="{e(ref.pubmed_url)}">PubMed {e(ref.pmid or "")}</a>')
    citation = format_vancouver(ref)
    # The DOI and PMID are shown as links, so drop them from the plain citation text.
    citation = citation.split(" doi:")[0].split(" PMID:")[0]
    return (
        f'<a name="ref-{ref.key}"></a>{e(citation)} '
        + " · ".join(links)
        + f'<br/><span class="refmeta">{e(ref.type_label)}.</span> '
        + f'<span class="finding">{e(ref.finding)}</span> '
        + f'<a href="#cite-{ref.key}" title="Back to where this is cited">&#8617;</a>'
    )


def _related(sheet: Factsheet, store: ContentStore | None) -> str:
    items = []
    for slug in sheet.related:
        other = store.get(slug) if store is not None else None
        if store is not None and other is None:
            continue  # a pack without that factsheet: leave the link out rather than break it
        title = other.title if other is not None else slug
        items.append(f'<li><a href="{factsheet_url(slug)}">{html.escape(title)}</a></li>')
    if not items:
        return ""
    return '<a name="related"></a><h2>Related factsheets</h2><ul>' + "".join(items) + "</ul>"


def _rewrite_links(root: ET.Element) -> None:
    for a in root.iter("a"):
        href = a.get("href", "")
        if href and is_factsheet_target(href):
            a.set("href", factsheet_url(href))


def _factsheet_links_extension():
    """A Markdown extension that turns `[text](slug)` into a `factsheet:slug` link."""
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class _Links(Treeprocessor):
        def run(self, root):
            _rewrite_links(root)

    class FactsheetLinks(Extension):
        def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
            md.treeprocessors.register(_Links(md), "factsheet_links", 5)

    return FactsheetLinks()

