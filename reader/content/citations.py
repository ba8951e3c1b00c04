"""How references are written out. One place formats a reference, so every view agrees.

Four forms: Vancouver and APA text (to read or paste into an essay), and RIS and BibTeX (to import
into Zotero, EndNote, Mendeley, JabRef or a LaTeX document). Author names are stored the way
PubMed writes them (`Vickers AJ`); `parse_author` turns one into its parts for the other styles.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.content.markup import find_citations
from reader.content.model import Factsheet, Reference

VANCOUVER_MAX_AUTHORS = 6
APA_MAX_AUTHORS = 20
STYLES = ("vancouver", "apa", "ris", "bibtex")


# -- names and pages ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonName:
    """An author as family name, initials (`("A", "J")`) and suffix; a group has no initials."""

    family: str
    initials: tuple[str, ...] = ()
    suffix: str = ""

    @property
    def is_group(self) -> bool:
        return not self.initials

    def initials_dotted(self) -> str:
        """`A. J.` (hyphenated initials keep their hyphen: `J.-P.`)."""
        return " ".join(part.replace("-", ".-") + "." for part in self.initials)


_SUFFIXES = {"Jr", "Sr", "II", "III", "IV", "V", "2nd", "3rd"}


def _is_initials(token: str) -> bool:
    letters = token.replace("-", "")
    return 1 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def parse_author(text: str) -> PersonName:
    """`Vickers AJ` -> family `Vickers`, initials `A`,`J`; `Smith AB Jr` keeps the suffix;
    anything without trailing initials (`NICE Guideline Committee`) is a group author."""
    tokens = text.split()
    suffix = ""
    if len(tokens) >= 3 and tokens[-1].rstrip(".") in _SUFFIXES and _is_initials(tokens[-2]):
        suffix = tokens.pop().rstrip(".")
    if len(tokens) >= 2 and _is_initials(tokens[-1]):
        return PersonName(" ".join(tokens[:-1]), _hyphenated(tokens[-1]), suffix)
    return PersonName(text.strip())


def _hyphenated(raw: str) -> tuple[str, ...]:
    """`J-PA` -> (`J-P`, `A`): a hyphen joins the two initials around it into one given name."""
    out: list[str] = []
    join = False
    for ch in raw:
        if ch == "-":
            join = True
        elif join and out:
            out[-1] += "-" + ch
            join = False
        else:
            out.append(ch)
    return tuple(out)


def page_range(pages: str | None) -> tuple[str, str | None] | None:
    """(first, last) pages with an abbreviated end written in full (`1444-53` -> `1444`, `1453`);
    last is None for a single page or an article number."""
    if not pages:
        return None
    m = re.fullmatch(r"\s*([A-Za-z]*\d+)\s*[-\u2013]+\s*([A-Za-z]*\d+)\s*", pages)
    if not m:
        return pages.strip(), None
    first, last = m.group(1), m.group(2)
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last


def _is_article_number(pages: str) -> bool:
    """`CD009436`, `e0123456`: an identifier rather than a page."""
    return any(ch.isalpha() for ch in pages)


# -- Vancouver ---------------------------------------------------------------------------------

def format_authors_vancouver(ref: Reference) -> str:
    """`Vickers AJ, Vertosick EA, et al.` (first six, then et al.)."""
    authors = list(ref.authors[:VANCOUVER_MAX_AUTHORS])
    more = ref.et_al or len(ref.authors) > VANCOUVER_MAX_AUTHORS
    return ", ".join(authors) + (", et al." if more else ".")


def format_source_vancouver(ref: Reference) -> str:
    """`J Pain. 2018;19(5):455-474.`: journal, year, volume, issue and pages, as known."""
    out = f"{ref.journal}. {ref.year}"
    if ref.volume:
        out += f";{ref.volume}"
        if ref.issue:
            out += f"({ref.issue})"
    elif ref.issue:
        out += f";({ref.issue})"
    if ref.pages:
        out += f":{ref.pages}"
    return out + "."


def _sentence(text: str) -> str:
    """`text` ending in one full stop (none added after ? or !)."""
    text = text.strip().rstrip(".")
    return text if text.endswith(("?", "!")) else text + "."


def format_vancouver(ref: Reference) -> str:
    """The whole reference in Vancouver style, with DOI and PMID when known."""
    parts = [format_authors_vancouver(ref), _sentence(ref.title), format_source_vancouver(ref)]
    if ref.doi:
        parts.append(f"doi:{ref.doi}.")
    if ref.pmid:
        parts.append(f"PMID: {ref.pmid}.")
    return " ".join(parts)


# -- APA (7th edition) -------------------------------------------------------------------------

def _apa_name(name: PersonName) -> str:
    if name.is_group:
        return name.family
    out = f"{name.family}, {name.initials_dotted()}"
    if name.suffix:
        out += f", {name.suffix}" + ("." if name.suffix in ("Jr", "Sr") else "")
    return out


def format_authors_apa(ref: Reference) -> str:
    """`Vickers, A. J., & Vertosick, E. A.`; up to 20 names, then `…` and the last (APA 7).

    When the stored list is cut short (`et_al`), the names we have end in `et al.`: the rest are
    not known, and inventing a last author would be worse.
    """
    names = [_apa_name(parse_author(a)) for a in ref.authors]
    if ref.et_al:
        return ", ".join(names) + ", et al."
    if len(names) > APA_MAX_AUTHORS:
        return ", ".join(names[: APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa_segments(ref: Reference) -> list[tuple[str, bool]]:
    """The APA reference as (text, italic) pieces: journal name and volume are italic."""
    authors = format_authors_apa(ref)
    segs: list[tuple[str, bool]] = [
        (f"{authors}{'' if authors.endswith('.') else '.'} ({ref.year}). {_sentence(ref.title)} ",
         False),
        (ref.journal, True),
    ]
    if ref.volume:
        segs += [(", ", False), (ref.volume, True)]
        if ref.issue:
            segs.append((f"({ref.issue})", False))
    elif ref.issue:
        segs.append((f", ({ref.issue})", False))
    if ref.pages:
        first, last = page_range(ref.pages) or (ref.pages, None)
        if last:
            segs.append((f", {first}\u2013{last}", False))
        elif _is_article_number(first):
            segs.append((f", Article {first}", False))
        else:
            segs.append((f", {first}", False))
    segs.append((".", False))
    link = ref.doi_url or ref.pubmed_url
    if link:
        segs.append((f" {link}", False))
    return segs


def format_apa(ref: Reference) -> str:
    """The reference in APA 7 style as plain text."""
    return "".join(text for text, _ in apa_segments(ref))


def format_apa_html(ref: Reference) -> str:
    """The reference in APA 7 style as HTML, journal and volume in italics (for the clipboard)."""
    return "".join(f"<i>{html.escape(t)}</i>" if italic else html.escape(t)
                   for t, italic in apa_segments(ref))


# -- lists of references -----------------------------------------------------------------------

def citation_order(body_citations: list[tuple[str, ...]], refs: tuple[Reference, ...]) -> dict[str, int]:
    """Reference key -> number, numbered by first citation in the body (uncited ones last)."""
    numbers: dict[str, int] = {}
    for keys in body_citations:
        for key in keys:
            if key not in numbers:
                numbers[key] = len(numbers) + 1
    for ref in refs:
        numbers.setdefault(ref.key, len(numbers) + 1)
    return numbers


def numbered_references(sheet: Factsheet) -> list[Reference]:
    """The factsheet's references in the order the page numbers them."""
    numbers = citation_order([c.keys for c in find_citations(sheet.body)], sheet.references)
    return sorted(sheet.references, key=lambda r: numbers.get(r.key, len(numbers) + 1))


def study_identity(ref: Reference) -> str:
    """What makes two references the same study: DOI, else PMID, else title and year."""
    if ref.doi:
        return "doi:" + ref.doi.lower()
    if ref.pmid:
        return "pmid:" + ref.pmid
    return f"title:{ref.title.casefold().strip()}|{ref.year}"


def collect_references(sheets: Iterable[Factsheet]) -> list[Reference]:
    """Every study cited by `sheets`, each once, in page order, factsheet by factsheet."""
    seen: set[str] = set()
    out = []
    for sheet in sheets:
        for ref in numbered_references(sheet):
            identity = study_identity(ref)
            if identity not in seen:
                seen.add(identity)
                out.append(ref)
    return out


def unique_keys(refs: Iterable[Reference]) -> list[tuple[str, Reference]]:
    """(citation key, reference) with keys made unique: two studies that are both `xu2022`
    become `xu2022a` and `xu2022b`, as reference managers expect."""
    refs = list(refs)
    counts: dict[str, int] = {}
    for ref in refs:
        counts[ref.key] = counts.get(ref.key, 0) + 1
    used: set[str] = set()
    out = []
    for ref in refs:
        key = ref.key
        if counts[key] > 1:
            for n in range(26 * 27):
                suffix = _letters(n)
                if key + suffix not in used and key + suffix not in counts:
                    key += suffix
                    break
        used.add(key)
        out.append((key, ref))
    return out


def _letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa ..."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(ord("a") + r) + s
    return s


def format_reference_list(refs: list[Reference], style: str) -> str:
    """Several references as one text in `style` (see STYLES).

    Vancouver keeps the given order and numbers the entries (the order of the page); APA is sorted
    by author and year, unnumbered, as APA lists are.
    """
    if style == "vancouver":
        return "\n".join(f"{n}. {format_vancouver(r)}" for n, r in enumerate(refs, 1)) + "\n"
    if style == "apa":
        return "\n".join(format_apa(r) for r in apa_order(refs)) + "\n"
    if style == "ris":
        return format_ris(refs)
    if style == "bibtex":
        return format_bibtex(refs)
    raise ValueError(f"unknown citation style {style!r}; expected one of {', '.join(STYLES)}")


def apa_order(refs: Iterable[Reference]) -> list[Reference]:
    """References in the order of an APA list: first author's surname, year, title."""
    return sorted(refs, key=lambda r: (_sort_name(r), r.year, r.title.casefold()))


def _sort_name(ref: Reference) -> str:
    first = parse_author(ref.authors[0]).family if ref.authors else ""
    return unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode().casefold()


# -- RIS ---------------------------------------------------------------------------------------

def _ris_value(text: str) -> str:
    """One line of text: no line breaks or control characters inside a tag's value."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(text.split())


def _ris_author(name: PersonName) -> str:
    if name.is_group:
        return name.family
    out = f"{name.family}, {name.initials_dotted()}"
    return out + (f", {name.suffix}" if name.suffix else "")


def ris_record(ref: Reference, key: str | None = None) -> list[tuple[str, str]]:
    """The reference as RIS (tag, value) pairs, `TY` first and `ER` last."""
    tags: list[tuple[str, str]] = [("TY", "JOUR"), ("ID", key or ref.key)]
    tags += [("AU", _ris_author(parse_author(a))) for a in ref.authors]
    tags += [("TI", ref.title), ("T2", ref.journal), ("J2", ref.journal), ("PY", str(ref.year))]
    if ref.volume:
        tags.append(("VL", ref.volume))
    if ref.issue:
        tags.append(("IS", ref.issue))
    pages = page_range(ref.pages)
    if pages:
        tags.append(("SP", pages[0]))
        if pages[1]:
            tags.append(("EP", pages[1]))
    if ref.doi:
        tags.append(("DO", ref.doi))
    if ref.doi_url or ref.pubmed_url:
        tags.append(("UR", ref.doi_url or ref.pubmed_url or ""))
    if ref.pmid:
        # The PubMed record as accession number in the PubMed database, as PubMed exports do.
        tags += [("AN", ref.pmid), ("DB", "PubMed")]
    if ref.et_al:
        tags.append(("N1", "Author list shortened: further authors are not listed."))
    tags.append(("ER", ""))
    return [(tag, _ris_value(value)) for tag, value in tags]


def format_ris(refs: Iterable[Reference]) -> str:
    """References as an RIS file: `TAG  - value` one a line, records ended by `ER  - `.

    Lines end in `\\n`; write the text with newline="\\r\\n" for the spec's CR LF line ends.
    """
    out = []
    for key, ref in unique_keys(refs):
        out.extend(f"{tag}  - {value}" for tag, value in ris_record(ref, key))
        out.append("")
    return "\n".join(out)


# -- BibTeX ------------------------------------------------------------------------------------

# Combining marks and the LaTeX accent command for each.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u",
    "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0327": "c",
    "\u0328": "k", "\u0323": "d", "\u0331": "b",
}
# Characters with their own LaTeX command (letters braced so BibTeX treats them as one letter).
_SPECIAL = {
    "ø": r"{\o}", "Ø": r"{\O}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}", "Œ": r"{\OE}",
    "ß": r"{\ss}", "ł": r"{\l}", "Ł": r"{\L}", "å": r"{\aa}", "Å": r"{\AA}", "ı": r"{\i}",
    "đ": r"{\dj}", "Đ": r"{\DJ}", "þ": r"{\th}", "Þ": r"{\TH}", "ð": r"{\dh}", "Ð": r"{\DH}",
    "\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''",
    "\u00a0": "~", "\u2026": r"\ldots{}", "\u00b0": r"\textdegree{}", "\u00b7": r"\textperiodcentered{}",
    "\u00d7": r"$\times$", "\u00b1": r"$\pm$", "\u2264": r"$\leq$", "\u2265": r"$\geq$",
    "\u2212": "$-$", "\u00b5": r"$\mu$", "\u2192": r"$\rightarrow$", "\u00ae": r"\textregistered{}",
    "\u2122": r"\texttrademark{}", "\u00a9": r"\textcopyright{}", "\u00bd": r"$\frac{1}{2}$",
    "\u2032": "$'$", "\u00a7": r"\S{}", "\u00b2": r"\textsuperscript{2}", "\u00b3": r"\textsuperscript{3}",
    "\u2009": r"\,", "\u00ab": r"\guillemotleft{}", "\u00bb": r"\guillemotright{}",
}
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
    "θ": "theta", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi",
    "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Π": "Pi", "Σ": "Sigma", "Φ": "Phi",
    "Ψ": "Psi", "Ω": "Omega",
}
# ASCII characters that mean something to TeX.
_TEX_ASCII = {
    # Braces as commands, not \{ \}: BibTeX counts every brace, escaped or not.
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "#": r"\#", "$": r"\$", "%": r"\%",
    "&": r"\&", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}


def latex_escape(text: str) -> str:
    """`text` as BibTeX/LaTeX source that any BibTeX reads: TeX's special characters escaped and
    accented letters written as `{\\"o}`. Characters with no LaTeX form are kept as UTF-8."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TEX_ASCII:
            out.append(_TEX_ASCII[ch])
        elif ord(ch) < 128:
            out.append(ch if ch.isprintable() else " ")
        elif ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif ch in _GREEK:
            out.append(f"$\\{_GREEK[ch]}$")
        else:
            out.append(_accented(ch))
    return "".join(out)


def _accented(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    # One accent on an ASCII letter has a LaTeX form; stacked accents (Vietnamese) have no form
    # that every BibTeX and font understands, so those letters stay UTF-8.
    if len(marks) != 1 or ord(base) >= 128 or marks not in _ACCENTS:
        if unicodedata.category(ch).startswith("Z"):
            return " "
        return ch if unicodedata.category(ch)[0] != "C" else ""
    cmd = _ACCENTS[marks]
    if base in "ij":
        return f"{{\\{cmd}\\{base}}}" if not cmd.isalpha() else f"{{\\{cmd}{{\\{base}}}}}"
    return f"{{\\{cmd} {base}}}" if cmd.isalpha() else f"{{\\{cmd}{base}}}"


def _protect_case(title: str) -> str:
    """The title escaped, with words whose capitals matter (acronyms, names) in braces so that
    styles which lower-case titles leave them alone: `Acupuncture for {IBS} in {China}`."""
    out = []
    for i, m in enumerate(re.finditer(r"\S+|\s+", title)):
        token = m.group(0)
        if token.isspace():
            out.append(" ")
            continue
        core = token.strip(".,;:!?()[]\"'")
        caps_inside = any(c.isupper() for c in core[1:])
        capitalised = bool(core) and core[0].isupper() and i > 0
        if core and (caps_inside or capitalised):
            start = token.index(core)
            out.append(latex_escape(token[:start]) + "{" + latex_escape(core) + "}"
                       + latex_escape(token[start + len(core):]))
        else:
            out.append(latex_escape(token))
    return "".join(out)


def _bibtex_name(name: PersonName) -> str:
    if name.is_group:
        return "{" + latex_escape(name.family) + "}"  # braces: a group is not First Last
    # "Family, Jr, Initials": the comma form keeps a two-word surname (`Garcia Marquez`)
    # together and reads `van der` as the von part, as BibTeX's name rules expect.
    parts = [latex_escape(name.family)] + ([latex_escape(name.suffix)] if name.suffix else [])
    return ", ".join(parts + [latex_escape(name.initials_dotted())])


def _verbatim(value: str) -> str:
    """A DOI for a verbatim field: unbalanced braces would end the field early, so encode them."""
    return value.replace("{", "%7B").replace("}", "%7D")


def bibtex_entry(ref: Reference, key: str | None = None) -> str:
    """One `@article{...}` entry."""
    names = [_bibtex_name(parse_author(a)) for a in ref.authors]
    if ref.et_al:
        names.append("others")  # BibTeX's own word for a shortened list: styles print "et al."
    fields: list[tuple[str, str]] = [
        ("author", " and ".join(names)),
        ("title", _protect_case(ref.title)),
        ("journal", latex_escape(ref.journal)),
        ("year", str(ref.year)),
    ]
    if ref.volume:
        fields.append(("volume", latex_escape(ref.volume)))
    if ref.issue:
        fields.append(("number", latex_escape(ref.issue)))
    pages = page_range(ref.pages)
    if pages:
        fields.append(("pages", latex_escape(pages[0]) + (f"--{latex_escape(pages[1])}"
                                                           if pages[1] else "")))
    if ref.doi:
        fields.append(("doi", _verbatim(ref.doi)))
    if ref.pmid:
        fields.append(("pmid", ref.pmid))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@article{{{key or ref.key},\n{body}}}\n"


def format_bibtex(refs: Iterable[Reference]) -> str:
    """References as a .bib file (keys made unique), pure ASCII where LaTeX has a form for it."""
    return "\n".join(bibtex_entry(ref, key) for key, ref in unique_keys(refs))


Formatter = Callable[[Reference], str]
SINGLE_FORMATTERS: dict[str, Formatter] = {
    "vancouver": format_vancouver,
    "apa": format_apa,
    "ris": lambda r: format_ris([r]),
    "bibtex": lambda r: bibtex_entry(r),
}
