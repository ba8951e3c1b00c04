"""Cut a QTextDocument into pages the way a typesetter would.

Qt lays a paged document out line by line: a heading can end one page with its text on the
next, a list of warning signs can start at the foot of a page and end on the next, and a table
row can be cut in two. Qt's stylesheet has no `page-break-after: avoid`, so `keep_together`
looks at where each block landed and moves the offenders to the next page with a page break,
one at a time, until nothing is left to move:

- a heading is kept with the first lines of what follows it;
- a paragraph that introduces a bulleted list ("Get urgent help if:") is kept with the whole
  list, and a short bulleted list (up to half a page) is never split;
- a table of one row (a boxed summary) is never cut in two.

Each move only pushes text down, so the loop ends; it stops anyway after `MAX_MOVES`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
    QTextTable,
)

MAX_MOVES = 40
SHORT_LIST = 0.5  # of a page: a list no taller than this is kept whole


@dataclass(frozen=True)
class _Span:
    """Where a run of blocks sits: from the top of the first to the bottom of the last."""

    first: QTextBlock
    top: float
    bottom: float
    table: QTextTable | None = None  # a table kept whole moves as a whole


def keep_together(doc: QTextDocument) -> int:
    """Insert page breaks so nothing is split badly; returns how many were inserted.

    `doc` must already have its page size set (QTextDocument.setPageSize)."""
    page = doc.pageSize().height()
    if page <= 0:
        return 0
    moves = 0
    while moves < MAX_MOVES:
        span = _first_bad_split(doc, page)
        if span is None:
            break
        if span.table is not None:
            fmt = span.table.format()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            span.table.setFormat(fmt)
        else:
            _break_before(span.first)
        moves += 1
    return moves


def _first_bad_split(doc: QTextDocument, page: float) -> _Span | None:
    # Qt lays a long document out lazily; asking where a block is before the layout has
    # finished gives positions that the rest of the layout then contradicts.
    doc.pageCount()
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        cell = _table_row_span(doc, block)
        if cell is not None:
            if _crosses(cell, page):
                return cell
            block = _block_after(doc, cell)
            continue
        keep = _keep_span(doc, block, rect.top(), page)
        if keep is not None and _crosses(keep, page) and keep.bottom - keep.top < page:
            return keep
        block = block.next()
    return None


def _keep_span(doc: QTextDocument, block: QTextBlock, top: float, page: float) -> _Span | None:
    """The run of blocks that must stay on one page starting at `block`, if any."""
    layout = doc.documentLayout()
    nxt = _next_text_block(block)
    if block.blockFormat().headingLevel() > 0 and nxt is not None:
        # A heading and the first two lines of what follows it (the whole of a short intro
        # to a list, with its list).
        follow = _keep_span(doc, nxt, layout.blockBoundingRect(nxt).top(), page)
        if follow is not None:
            return _Span(block, top, follow.bottom)
        rect = layout.blockBoundingRect(nxt)
        lines = nxt.layout().lineCount()
        bottom = rect.top() + (nxt.layout().lineAt(min(1, lines - 1)).rect().bottom()
                               if lines else rect.height())
        return _Span(block, top, bottom)
    if block.textList() is None and nxt is not None and _bulleted(nxt):
        # A paragraph that introduces a list: kept with the whole list when it is short.
        last = _last_item(nxt)
        bottom = layout.blockBoundingRect(last).bottom()
        if bottom - layout.blockBoundingRect(nxt).top() <= page * SHORT_LIST:
            return _Span(block, top, bottom)
    if _bulleted(block) and block.textList().itemNumber(block) == 0:
        last = _last_item(block)
        bottom = layout.blockBoundingRect(last).bottom()
        if bottom - top <= page * SHORT_LIST:
            return _Span(block, top, bottom)
    return None


def _table_row_span(doc: QTextDocument, block: QTextBlock) -> _Span | None:
    """The table `block` opens, when `block` is the first block of a table's first cell;
    None otherwise. Only a table of one row is kept whole (the summary box, the evidence
    badge): Qt cannot move a single row of a longer table, so the handout draws no such tables
    on paper."""
    cursor = QTextCursor(block)
    table = cursor.currentTable()
    if table is None:
        return None
    cell = table.cellAt(cursor)
    if cell.row() != 0 or cell.column() != 0 or cell.firstCursorPosition().block() != block:
        return None
    layout = doc.documentLayout()
    top = layout.blockBoundingRect(block).top()
    rect = layout.frameBoundingRect(table)
    if table.rows() > 1:
        return _Span(block, top, top)  # never "crosses": left to Qt
    return _Span(block, min(top, rect.top()), max(rect.bottom(), top), table=table)


def _block_after(doc: QTextDocument, span: _Span) -> QTextBlock:
    """The block after the table that `span` starts."""
    table = QTextCursor(span.first).currentTable()
    return table.lastCursorPosition().block().next()


def _crosses(span: _Span, page: float) -> bool:
    return int(span.top // page) != int((span.bottom - 0.5) // page)


def _next_text_block(block: QTextBlock) -> QTextBlock | None:
    nxt = block.next()
    while nxt.isValid() and not nxt.text().strip():
        nxt = nxt.next()
    return nxt if nxt.isValid() else None


def _bulleted(block: QTextBlock) -> bool:
    """A bulleted list item: warning signs, symptoms, advice. (A numbered list is the
    studies, which may run on over a page like any text.)"""
    items = block.textList()
    return items is not None and items.format().style() in _BULLETS


_BULLETS = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
            QTextListFormat.Style.ListSquare)


def _last_item(block: QTextBlock) -> QTextBlock:
    items = block.textList()
    return items.item(items.count() - 1)


def _break_before(block: QTextBlock) -> None:
    cursor = QTextCursor(block)
    fmt = QTextBlockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.mergeBlockFormat(fmt)
