"""A factsheet as one HTML page for QTextBrowser.

Links in the page use four forms the window understands: `factsheet:SLUG` (another factsheet),
`#ref-KEY` / `#cite-KEY` (jumps within the page), `cite:KEY` (the citation tools for one
reference) and ordinary `https://` links (system browser).

Every link whose words alone would not say where it goes carries a `title`: its tooltip, and
(first line) the name a screen reader is given when the link has the keyboard focus
(`link_name`): "Reference 3: Vickers 2018" for a citation number, "Opens doi.org" for a web
address, the factsheet's title for a link to another factsheet.

The pieces (summary box, evidence block, body, reference entries) are also used by the printed
handout (reader/render/handout.py), so screen and paper say the same thing.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.content.citations import citation_order, format_vancouver, parse_author
from reader.content.markup import CITATION_RE, find_citations, is_factsheet_target
from reader.content.model import Factsheet, Reference
from reader.content.store import ContentStore
from reader.render.dates import long_date, month_year
from reader.render.theme import LIGHT, Theme, stylesheet

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

FACTSHEET_SCHEME = "factsheet"
CITE_SCHEME = "cite"
DISCLAIMER = (
    "This factsheet summarises published research for information only. It is not medical advice "
    "and does not replace a consultation with your GP or another qualified health professional."
)


def factsheet_url(slug: str) -> str:
    return f"{FACTSHEET_SCHEME}:{slug}"


def cite_url(key: str) -> str:
    return f"{CITE_SCHEME}:{key}"


def render_factsheet(sheet: Factsheet, store: ContentStore | None = None,
                     theme: Theme = LIGHT, *, study_tools: bool = False) -> str:
    """The complete HTML page for `sheet` (related titles looked up in `store` when given).

    With `study_tools`, each reference also lists the other factsheets that cite the same study
    and a `cite:KEY` link (the reading window; a kiosk or a print leaves them out).
    """
    numbers = reference_numbers(sheet)
    e = html.escape
    parts = [
        f"<html><head><style>{stylesheet(theme)}</style></head><body>",
        f'<a name="top"></a><p class="kicker">{e(sheet.category_label.upper())}</p>',
        f"<h1>{e(sheet.title)}</h1>",
        f'<p class="question">{e(sheet.question)}</p>',
        summary_box_html(sheet, theme),
        evidence_html(sheet, theme),
        glance_html(sheet, numbers, theme),
        symptoms_html(sheet),
        render_body(sheet, numbers, store=store),
        _related(sheet, store),
        _references(sheet, numbers, store if study_tools else None, study_tools),
        changes_html(sheet),
        f'<hr/><p class="small muted">{review_line(sheet)}</p>',
        f'<p class="small muted">{e(DISCLAIMER)}</p>',
        "</body></html>",
    ]
    return "\n".join(parts)


def reference_numbers(sheet: Factsheet) -> dict[str, int]:
    """Reference key -> the number the page shows for it."""
    return citation_order([c.keys for c in find_citations(sheet.body)], sheet.references)


def review_line(sheet: Factsheet) -> str:
    """`Reviewed 2 December 2026. Research last searched ... Next review due December 2028.`"""
    searched = (f"Research last searched {long_date(sheet.evidence_searched)}. "
                if sheet.evidence_searched else "")
    return (f"Reviewed {long_date(sheet.reviewed)}. {searched}"
            f"Next review due {month_year(sheet.next_review)}.")


def citation_name(number: int, ref: Reference) -> str:
    """`Reference 3: Vickers 2018`: what a citation number is called (first author, year)."""
    who = parse_author(ref.authors[0]).family if ref.authors else ""
    return f"Reference {number}: {who} {ref.year}" if who else f"Reference {number}: {ref.year}"


def citation_title(number: int, ref: Reference) -> str:
    """A citation link's `title`: its name, then the whole reference on a second line."""
    return html.escape(f"{citation_name(number, ref)}\n{format_vancouver(ref)}", quote=True
                       ).replace("\n", "&#10;")


def external_name(href: str) -> str:
    """`Opens doi.org`: where a web link leads."""
    host = urlsplit(href).hostname or href
    return f"Opens {host.removeprefix('www.')}"


def link_name(href: str, title: str, text: str) -> str:
    """The name a screen reader is given for a focused link: the first line of its `title`,
    else one made from its address and words."""
    if title.strip():
        return title.strip().splitlines()[0]
    text = " ".join(text.split())
    if href.startswith(f"{FACTSHEET_SCHEME}:"):
        return f"Factsheet: {text}"
    if href.startswith(("http://", "https://")):
        return external_name(href)
    return text


GLANCE_NOTE = (
    "Certainty says how sure we can be of each finding, on the GRADE scale reviews use: high, "
    "moderate, low or very low. “Rated by the review” is the review’s own rating; “our rating” "
    "is our editors’ judgement of the studies."
)


def glance_html(sheet: Factsheet, numbers: dict[str, int], theme: Theme,
                links: bool = True) -> str:
    """"Research at a glance": one table row per main outcome (empty without outcomes)."""
    if not sheet.outcomes:
        return ""
    e = html.escape
    cell = f'valign="top" style="border: 1px solid {theme.rule}; padding: 7px 9px 7px 9px;"'
    head = (f'valign="bottom" align="left" style="border: 1px solid {theme.rule}; '
            f'padding: 6px 9px 6px 9px; background-color: {theme.summary_bg};"')
    rows = [
        '<a name="glance"></a><h2>Research at a glance</h2>',
        '<table class="glance" width="100%" cellspacing="0" cellpadding="0" '
        'style="border-collapse: collapse;">',
        f'<tr><th width="33%" {head}>What was measured</th>'
        f'<th width="43%" {head}>What the studies found</th>'
        f'<th width="24%" {head}>How sure we can be</th></tr>',
    ]
    for row in sheet.outcomes:
        cited = [(numbers[k], k) for k in row.references if k in numbers]
        marks = ",&#8201;".join(
            f'<a href="#ref-{k}" title="{citation_title(n, sheet.reference(k))}">{n}</a>'
            if links and sheet.reference(k) else str(n) for n, k in sorted(cited))
        size = f'<br/><span class="small muted">{e(row.size_label)}</span>' if row.size_label else ""
        cites = f' <span class="cite">[{marks}]</span>' if marks else ""
        rows.append(
            f"<tr><td {cell}><b>{e(row.outcome)}</b><br/>"
            f'<span class="muted">Compared with {e(lower_first(row.comparison))}</span></td>'
            f"<td {cell}>{e(row.result)}{cites}{size}</td>"
            f"<td {cell}><b>{e(row.certainty_label)}</b><br/>"
            f'<span class="small muted">{e(row.certainty_source_label)}</span></td></tr>')
    rows.append("</table>")
    rows.append(f'<p class="small muted" style="margin-top: 6px;">{e(GLANCE_NOTE)}</p>')
    return "\n".join(rows)


def lower_first(text: str) -> str:
    """`Sham acupuncture` -> `sham acupuncture`, but `NSAIDs` and `TENS` keep their capitals."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text


def changes_html(sheet: Factsheet) -> str:
    """The change log at the foot of the page, newest first (empty without entries)."""
    if not sheet.changes:
        return ""
    e = html.escape
    items = "".join(f"<li><b>{e(long_date(c.date))}:</b> {e(c.text)}</li>" for c in sheet.changes)
    return f'<a name="changes"></a><h2>What changed</h2><ul class="small">{items}</ul>'


def summary_box_html(sheet: Factsheet, theme: Theme) -> str:
    """The bottom line, in a tinted box with a rule down its left edge."""
    return (
        '<table width="100%" cellspacing="0" cellpadding="0" style="margin-bottom: 4px;"><tr>'
        f'<td width="5" style="background-color: {theme.summary_border};"></td>'
        f'<td style="background-color: {theme.summary_bg}; padding: 14px 16px 14px 16px;">'
        '<p class="label">THE BOTTOM LINE</p>'
        f'<p class="summary">{html.escape(sheet.summary)}</p>'
        "</td></tr></table>"
    )


def evidence_html(sheet: Factsheet, theme: Theme) -> str:
    """The evidence badge beside its one-sentence summary, and what the level means."""
    e = html.escape
    bg, fg = theme.badge.get(sheet.evidence.level, ("#555555", "#ffffff"))
    badge = (f'<table cellspacing="0" cellpadding="0"><tr>'
             f'<td nowrap class="badge" style="background-color: {bg}; color: {fg}; '
             f'padding: 5px 12px 5px 12px;">{e(sheet.evidence.label).replace(" ", "&nbsp;")}'
             "</td></tr></table>")
    if theme.badge_border:
        # A frame as a one-cell table in the border colour, 2 px wider all round: a CSS border
        # on the badge's own table takes its width from the text, which then breaks mid-word
        # ("Limited evidenc / e").
        badge = (f'<table cellspacing="0" cellpadding="2" style="background-color: '
                 f'{theme.badge_border};"><tr><td>{badge}</td></tr></table>')
    return (
        '<table cellspacing="0" cellpadding="0" width="100%" style="margin-top: 14px;"><tr>'
        f'<td valign="top" nowrap style="padding-top: 2px;">{badge}</td>'
        f'<td valign="top" style="padding-left: 14px;"><p class="evidence" style="margin-top: 0px;">'
        f"{e(sheet.evidence.summary)}</p>"
        f'<p class="small muted">What “{e(sheet.evidence.label.lower())}” means: '
        f"{e(sheet.evidence.meaning)}</p></td></tr></table>"
    )


def symptoms_html(sheet: Factsheet) -> str:
    if not sheet.symptoms:
        return ""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sheet.symptoms)
    return f'<a name="symptoms"></a><h2>Symptoms</h2><ul>{items}</ul>'


def render_body(sheet: Factsheet, numbers: dict[str, int], links: bool = True,
                store: ContentStore | None = None) -> str:
    """The Markdown body as HTML, citations numbered and factsheet links resolved (titled with
    the other factsheet's title when `store` is given).

    Without `links` (paper), citation numbers and links are plain text and a web address is
    written out after its words.
    """
    first_seen: set[str] = set()

    def cite(match) -> str:
        keys = [k.strip()[1:] for k in match.group(1).split(";")]
        out = []
        for key in keys:
            ref = sheet.reference(key)
            n = numbers.get(key)
            if ref is None or n is None:
                out.append(html.escape(f"@{key}"))
            elif not links:
                out.append(str(n))
            else:
                anchor = "" if key in first_seen else f'<a name="cite-{key}"></a>'
                first_seen.add(key)
                out.append(f'{anchor}<a href="#ref-{key}" title="{citation_title(n, ref)}">{n}</a>')
        # On the line, not raised: Qt draws a superscript at two thirds of its size (a 5 pt
        # number is hard to read and to hit).
        return '<span class="cite">[' + ",&#8201;".join(out) + "]</span>"

    text = CITATION_RE.sub(cite, sheet.body)
    return _markdown_to_html(text, links, store)


def _markdown_to_html(text: str, links: bool, store: ContentStore | None = None) -> str:
    import markdown  # imported on first render, off the start-up path

    md = markdown.Markdown(extensions=["extra", _factsheet_links_extension(links, store)],
                           output_format="html")
    return md.convert(text)


def _references(sheet: Factsheet, numbers: dict[str, int], store: ContentStore | None,
                study_tools: bool) -> str:
    if not sheet.references:
        return ""
    ordered = sorted(sheet.references, key=lambda r: numbers.get(r.key, 10_000))
    items = ['<a name="references"></a><h2>References</h2>',
             '<table cellspacing="0" cellpadding="0" width="100%" class="refs">']
    for ref in ordered:
        items.append(
            f'<tr><td valign="top" width="30" align="right" class="refnum" '
            f'style="padding-right: 8px;">{numbers[ref.key]}.</td>'
            f'<td valign="top" style="padding-bottom: 12px;">'
            f"{reference_html(ref, sheet, store, study_tools)}</td></tr>")
    items.append("</table>")
    return "\n".join(items)


def reference_html(ref: Reference, sheet: Factsheet | None = None,
                   store: ContentStore | None = None, study_tools: bool = False) -> str:
    """One entry of the reference list: citation, links, finding and a link back to the text;
    with `study_tools`, the other factsheets citing the same study and a `cite:` link."""
    e = html.escape
    links = []
    if ref.doi_url:
        links.append(f'<a href="{e(ref.doi_url)}" title="{e(external_name(ref.doi_url))}">'
                     f'doi:{e(ref.doi or "")}</a>')
    if ref.pubmed_url:
        links.append(f'<a href="{e(ref.pubmed_url)}" title="{e(external_name(ref.pubmed_url))}">'
                     f'PubMed {e(ref.pmid or "")}</a>')
    if study_tools:
        links.append(f'<a href="{cite_url(ref.key)}" title="Copy this reference as Vancouver, '
                     f'APA, BibTeX or RIS">Cite…</a>')
    citation = format_vancouver(ref)
    # The DOI and PMID are shown as links, so drop them from the plain citation text.
    citation = citation.split(" doi:")[0].split(" PMID:")[0]
    out = (
        f'<p class="citation"><a name="ref-{ref.key}"></a>{e(citation)} '
        + " · ".join(links) + "</p>"
        + f'<p class="finding"><span class="refmeta">{e(ref.type_label)}.</span> '
        + f"{e(ref.finding)} "
        + f'<a href="#cite-{ref.key}" title="Back to where this is cited">&#8617;</a></p>'
    )
    others = [s for s in (store.citing(ref.doi, ref.pmid) if study_tools and store else [])
              if sheet is None or s.slug != sheet.slug]
    if others:
        out += ('<p class="reftools">Also cited in ' + ", ".join(
            f'<a href="{factsheet_url(s.slug)}">{e(s.title)}</a>' for s in others) + "</p>")
    return out


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


def _rewrite_links(root: ET.Element, links: bool, store: ContentStore | None = None) -> None:
    for a in root.iter("a"):
        href = a.get("href", "")
        if links:
            if href and is_factsheet_target(href):
                a.set("href", factsheet_url(href))
                other = store.get(href) if store is not None else None
                if other is not None and not a.get("title"):
                    a.set("title", f"Factsheet: {other.title}")
            elif href.startswith(("http://", "https://")) and not a.get("title"):
                a.set("title", external_name(href))
            continue
        # Paper: the words stay, the link goes; a web address is written out after them.
        text = "".join(a.itertext()).strip()
        a.tag = "span"
        a.attrib.clear()
        if href.startswith(("http://", "https://")) and href.rstrip("/") not in text:
            a.tail = f" ({href})" + (a.tail or "")


def _factsheet_links_extension(links: bool = True, store: ContentStore | None = None):
    """A Markdown extension that turns `[text](slug)` into a `factsheet:slug` link."""
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class _Links(Treeprocessor):
        def run(self, root):
            _rewrite_links(root, links, store)

    class FactsheetLinks(Extension):
        def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
            md.treeprocessors.register(_Links(md), "factsheet_links", 5)

    return FactsheetLinks()
