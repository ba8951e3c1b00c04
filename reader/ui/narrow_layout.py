"""Panels give way to the page on narrow windows and come back when there is room.

Maximised on a 1024x600 screen the side docks (Contents, Notes) and the search panel left the
page about 410 px: five words a line. Below NARROW_WIDTH the docks the reader had open are
hidden (View > Contents sidebar and Notes panel still open them, over the narrower page, if the
reader asks), and the search panel is kept to SEARCH_PANEL_NARROW; once the window is
WIDE_WIDTH or wider, the docks this hid come back. A dock the reader opens or closes while the
window is narrow is theirs: it is not touched again.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QTimer

NARROW_WIDTH = 1180  # below this the docks give way
WIDE_WIDTH = 1240  # ... and come back at this (a gap, so a resize does not flicker them)
SEARCH_PANEL_NARROW = 300


class NarrowLayout(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self._docks = [d for d in (getattr(window, "contents_dock", None),
                                   getattr(window, "notes_dock", None)) if d is not None]
        self._hidden_by_us: list = []
        self._changing = False
        self.narrow = False
        for dock in self._docks:
            dock.visibilityChanged.connect(lambda _v, d=dock: self._reader_toggled(d))
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self._window and event.type() == QEvent.Type.Resize:
            self.apply(self._window.width())
        elif obj is self._window and event.type() == QEvent.Type.Show and self.narrow:
            # Docks count as open only once the window has been shown: hide them now.
            QTimer.singleShot(0, self._hide_docks)
        return False

    def apply(self, width: int) -> None:
        if not self.narrow and width < NARROW_WIDTH:
            self.narrow = True
            self._hide_docks()
            self._narrow_search_panel()
        elif self.narrow and width >= WIDE_WIDTH:
            self.narrow = False
            self._show_docks()

    def _hide_docks(self) -> None:
        self._changing = True
        try:
            for dock in self._docks:
                # "open" as the View menu shows it: a dock tabbed behind another is open too
                if (dock.toggleViewAction().isChecked() and not dock.isFloating()
                        and dock not in self._hidden_by_us):
                    self._hidden_by_us.append(dock)
            for dock in self._hidden_by_us:
                dock.hide()
        finally:
            self._changing = False

    def _show_docks(self) -> None:
        self._changing = True
        try:
            for dock in self._hidden_by_us:
                dock.show()
            shown = [d for d in self._hidden_by_us if d.isVisible()]
            if shown:
                shown[0].raise_()  # tabified docks: the first one comes to the front
        finally:
            self._hidden_by_us = []
            self._changing = False

    @contextmanager
    def readers_choice(self):
        """Within it the docks are as the reader left them (those this hid, shown): the state
        saved for the next start is theirs, not the narrow window's."""
        hidden = list(self._hidden_by_us)
        self._changing = True
        try:
            for dock in hidden:
                dock.show()
            yield
        finally:
            for dock in hidden:
                dock.hide()
            self._changing = False

    def _reader_toggled(self, dock) -> None:
        if not self._changing and dock in self._hidden_by_us:
            self._hidden_by_us.remove(dock)  # the reader chose; leave it as they left it

    def _narrow_search_panel(self) -> None:
        splitter = getattr(self._window, "splitter", None)
        if splitter is None or splitter.count() < 2:
            return
        sizes = splitter.sizes()
        if sizes[0] > SEARCH_PANEL_NARROW:
            splitter.setSizes([SEARCH_PANEL_NARROW, sum(sizes) - SEARCH_PANEL_NARROW])


def install(window) -> None:
    window.narrow_layout = NarrowLayout(window)
    window.narrow_layout.apply(window.width())
