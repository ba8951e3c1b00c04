"""A page's headings and links as objects a screen reader can move between.

Qt exposes a QTextBrowser as one text object: its headings and links are not objects of their
own, so a screen reader's list of headings or links finds nothing in it. Here each heading and
each link gets an invisible stand-in: a small widget on the page's viewport, over the text it
stands for (so it scrolls with the page), given the role heading or link and the text's name
by an accessibility factory. Mice pass through it and Tab never stops on it; a screen reader
that moves its focus there (its "go to" action) moves the page there instead: the caret to the
heading, or the keyboard's link focus to the link, from where Enter follows it.

The stand-ins exist only while an assistive technology is listening (QAccessible.isActive()):
nobody else pays for them. They are made once the page has first been painted, never before the
window's first paint: naming QAccessible at all makes PySide6 build its enums, about 2 ms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

log = logging.getLogger(__name__)
LinkNamer = Callable[[str, str, str], str]  # (address, title, words) -> name
# A factsheet has 20 to 200 headings and links; a content pack's page with many thousands would
# take seconds to open while a screen reader listens. Past this many, the rest are left out.
MAX_STAND_INS = 2000


class Spot:
    """A heading (level > 0) or a link (`href`) in a page: characters start to end. (A plain
    class: this module is imported on the start path, where a dataclass costs a millisecond.)"""

    __slots__ = ("name", "start", "end", "level", "href")

    def __init__(self, name: str, start: int, end: int, level: int = 0, href: str = "") -> None:
        self.name, self.start, self.end, self.level, self.href = name, start, end, level, href

    def __repr__(self) -> str:
        return f"Spot({self.name!r}, {self.start}, {self.end}, level={self.level}, href={self.href!r})"


def page_spots(document, name_link: LinkNamer) -> list[Spot]:
    """Every heading and link of `document`, in reading order; a link split over several
    formatting runs (a bold word inside it) is one spot."""
    spots: list[Spot] = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level and block.text().strip():
            spots.append(Spot(" ".join(block.text().split()), block.position(),
                              block.position() + block.length() - 1, level=level))
        link: list = []  # [href, title, start, end, words]
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            href = fmt.anchorHref() if fmt.isAnchor() else ""
            end = fragment.position() + fragment.length()
            if link and href == link[0] and fragment.position() == link[3]:
                link[3], link[4] = end, link[4] + fragment.text()
            else:
                if link:
                    spots.append(_link_spot(link, name_link))
                link = [href, fmt.toolTip(), fragment.position(), end, fragment.text()] \
                    if href else []
            it += 1
        if link:
            spots.append(_link_spot(link, name_link))
        block = block.next()
    return spots


def _link_spot(link: list, name_link: LinkNamer) -> Spot:
    href, title, start, end, words = link
    return Spot(name_link(href, title, words) or href, start, end, href=href)


class StandIn(QWidget):
    """The invisible object for one heading or link of a page."""

    def __init__(self, structure: PageStructure, spot: Spot) -> None:
        super().__init__(structure.page.viewport())
        self.spot = spot
        self._structure = structure
        self.setObjectName("page-heading" if spot.level else "page-link")
        self.setAccessibleName(spot.name)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # ClickFocus: a screen reader's "go to" (Qt's SetFocus action) works, Tab skips it,
        # and no click reaches it.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def role(self):
        from PySide6.QtGui import QAccessible

        return QAccessible.Role.Heading if self.spot.level else QAccessible.Role.Link

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        self._structure.go_to(self.spot)


def _stand_in_interface(_class_name: str, obj: QObject):
    if isinstance(obj, StandIn):
        from PySide6.QtWidgets import QAccessibleWidget

        return QAccessibleWidget(obj, obj.role(), obj.spot.name)
    return None


def _listening() -> bool:
    from PySide6.QtGui import QAccessible

    return QAccessible.isActive()


_factory_installed = False


def _install_factory() -> None:
    global _factory_installed
    if not _factory_installed:
        from PySide6.QtGui import QAccessible

        QAccessible.installFactory(_stand_in_interface)
        _factory_installed = True


class PageStructure(QObject):
    """Keeps the stand-ins of `page` in step with what it shows: `refresh()` after new
    content; their places follow the layout (resizing, zoom) by themselves."""

    def __init__(self, page: QTextBrowser, name_link: LinkNamer) -> None:
        super().__init__(page)
        self.page = page
        self._name_link = name_link
        self._stand_ins: list[StandIn] = []
        self._place_soon = QTimer(self)
        self._place_soon.setSingleShot(True)
        self._place_soon.timeout.connect(self._place)
        page.document().documentLayout().documentSizeChanged.connect(self._place_soon.start)
        page.installEventFilter(self)  # its focus: a screen reader may have started since
        self._painted = False
        page.viewport().installEventFilter(self)  # until its first paint

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.Paint and not self._painted and obj is self.page.viewport():
            self._painted = True
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.refresh)  # the stand-ins for the page shown first
        elif kind == QEvent.Type.FocusIn and not self._stand_ins and _listening():
            self.refresh()  # an assistive technology started listening after the page came
        return False

    def stand_ins(self) -> list[StandIn]:
        return list(self._stand_ins)

    def refresh(self) -> None:
        """Build the stand-ins for the page shown now (none while no assistive technology
        listens), replacing the last page's."""
        for stand_in in self._stand_ins:
            stand_in.setParent(None)
            stand_in.deleteLater()
        self._stand_ins = []
        if not self._painted or not _listening():
            return  # not painted yet: the first paint calls this again
        _install_factory()
        spots = page_spots(self.page.document(), self._name_link)
        if len(spots) > MAX_STAND_INS:
            log.warning("this page has %d headings and links; a screen reader is given the "
                        "first %d as objects", len(spots), MAX_STAND_INS)
            spots = spots[:MAX_STAND_INS]
        self._stand_ins = [StandIn(self, spot) for spot in spots]
        self._place()
        for stand_in in self._stand_ins:
            stand_in.show()

    def _place(self) -> None:
        if not self._stand_ins:
            return
        self.page.document().documentLayout().documentSize()  # lay out what is not yet
        for stand_in in self._stand_ins:
            stand_in.setGeometry(self._rect(stand_in.spot))

    def _rect(self, spot: Spot) -> QRect:
        """Where the spot's text is, in viewport coordinates (its first line for a link that
        wraps)."""
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(spot.start)
        first = self.page.cursorRect(cursor)
        if spot.level:
            block = self.page.document().findBlock(spot.start)
            box = self.page.document().documentLayout().blockBoundingRect(block).toRect()
            return box.translated(-self.page.horizontalScrollBar().value(),
                                  -self.page.verticalScrollBar().value())
        cursor.setPosition(spot.end)
        last = self.page.cursorRect(cursor)
        if last.top() != first.top():
            return QRect(first.left(), first.top(), max(1, self.page.viewport().width()
                                                         - first.left()), first.height())
        return first.united(last)

    def go_to(self, spot: Spot) -> None:
        """Where a screen reader's "go to" lands: the caret at the heading, or the link
        selected as Tab selects it; then the page has the focus, so reading (or Enter) goes
        on from there."""
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(spot.start)
        if spot.href:
            cursor.setPosition(spot.end, QTextCursor.MoveMode.KeepAnchor)
        self.page.setTextCursor(cursor)
        self.page.ensureCursorVisible()
        self.page.setFocus(Qt.FocusReason.OtherFocusReason)
