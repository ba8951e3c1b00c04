"""The main window: search and browse on the left, the factsheet on the right."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader.content.model import EVIDENCE_LEVELS, Factsheet
from reader.content.store import ContentStore
from reader.paths import AppPaths
from reader.render.home import render_home
from reader.render.page import render_factsheet
from reader.render.page_cache import PageCache
from reader.render.theme import LIGHT, Theme
from reader.search.filters import (
    SearchFilters,
    browse_hits,
    filter_choices,
    name_hits,
    result_summary,
)
from reader.settings import Settings
from reader.ui.browse_panel import BrowsePanel
from reader.ui.module_sources import forget_module_sources
from reader.ui.navigation import HOME, History
from reader.ui.page_view import PageView
from reader.ui.results_view import ResultsView
from reader.ui.search_service import SearchService

log = logging.getLogger(__name__)
APP_TITLE = "Factsheet Reader"
DEBOUNCE_MS = 60


class MainWindow(QMainWindow):
    page_shown = Signal(str)  # HOME or a factsheet slug, once it is on screen
    content_changed = Signal(object)  # the new ContentStore, after reload_content()

    def __init__(self, store: ContentStore, search: SearchService, notice: str | None = None,
                 paths: AppPaths | None = None, settings: Settings | None = None,
                 build_after_first_paint: bool = False):
        """With `build_after_first_paint` the features not on screen at first are built by
        `self.features.start()`, which the caller runs once the window has painted
        (reader/ui/app.py); otherwise every feature is ready when this returns."""
        super().__init__()
        self.paths = paths
        self.settings = settings or Settings()
        self.store = store
        self.search_service = search
        self.notice = notice
        self.history = History()
        self._page_cache = PageCache()
        self.page_theme: Theme = LIGHT  # colours and zoom; set by reader/ui/page_style.py
        self.setWindowTitle(APP_TITLE)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search conditions, symptoms, studies…  (Ctrl+K)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Search factsheets")
        self.search_field.setAccessibleDescription(
            "Results appear as you type. Down goes to them, Enter opens the first, Ctrl+J "
            "goes to the page.")
        self.search_field.textChanged.connect(self._on_text_changed)
        self.search_field.returnPressed.connect(self._open_first_hit)
        self.search_field.installEventFilter(self)

        self.category_filter = QComboBox()
        self.category_filter.setAccessibleName("Filter by category")
        self.category_filter.setAccessibleDescription(
            "Lists only the factsheets in the category chosen.")
        self.evidence_filter = QComboBox()
        self.evidence_filter.setAccessibleName("Filter by evidence level")
        self.evidence_filter.setAccessibleDescription(
            "Lists only the factsheets whose evidence is at the level chosen.")
        self._fill_filters(store)
        for combo in (self.category_filter, self.evidence_filter):
            combo.currentIndexChanged.connect(self._on_filter_changed)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setAccessibleName("Search status")
        self.status_label.hide()

        self.results = ResultsView()
        self.results.open_requested.connect(self.open_factsheet)
        self.browse = BrowsePanel(store)
        self.browse.open_requested.connect(self.open_factsheet)
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(self.browse)
        self.left_stack.addWidget(self.results)

        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.search_field)
        layout.addLayout(self._filter_grid())
        layout.addWidget(self.status_label)
        layout.addWidget(self.left_stack, 1)

        self.page = PageView()
        self.page.factsheet_requested.connect(self.open_factsheet)
        # The page's column: bars that belong under the page (find in page) join it here.
        self.page_holder = QWidget()
        self.page_holder.setObjectName("page-holder")
        column = QVBoxLayout(self.page_holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.page, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.page_holder)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 860])
        self.setCentralWidget(self.splitter)

        self._build_actions()
        self._build_menus()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_search)
        search.results.connect(self._show_results)
        search.ready.connect(self._on_index_ready)
        search.failed.connect(self._on_index_failed)
        search.progress.connect(self._on_index_progress)
        self.go_home()
        if not build_after_first_paint:
            self.features.build_all()

    # -- actions -----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        bar = QToolBar("Navigation")
        bar.setObjectName("navigation")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        from reader.ui.toolbar_icons import recolour_toolbar

        self.back_action = QAction("Back", self)
        self.back_action.setShortcuts(_shortcuts("Alt+Left", QKeySequence.StandardKey.Back))
        self.back_action.triggered.connect(self.go_back)
        self.forward_action = QAction("Forward", self)
        self.forward_action.setShortcuts(_shortcuts("Alt+Right", QKeySequence.StandardKey.Forward))
        self.forward_action.triggered.connect(self.go_forward)
        self.home_action = QAction("Home", self)
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        self.home_action.triggered.connect(self.go_home)
        for action in (self.back_action, self.forward_action, self.home_action):
            action.setToolTip(f"{action.text()} ({action.shortcut().toString()})")
            bar.addAction(action)
        recolour_toolbar(self)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.clear_search)
        self._update_actions()

    def _build_menus(self) -> None:
        """The menu bar. Each feature adds its own actions from its own module (see below)."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.view_menu = bar.addMenu("&View")
        self.go_menu = bar.addMenu("&Go")
        self.help_menu = bar.addMenu("&Help")
        for action in (self.back_action, self.forward_action, self.home_action):
            self.go_menu.addAction(action)
        search_action = QAction("Search", self)
        search_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+L")])
        search_action.triggered.connect(self.focus_search)
        self.go_menu.addAction(search_action)
        from reader.ui.deferred_features import DeferredFeatures

        self.features = DeferredFeatures(
            self, [self.file_menu, self.view_menu, self.go_menu, self.help_menu])
        self._install_features()
        self.features.add("quit", self._add_quit)

    def _install_features(self) -> None:
        """Features that add menus, actions or panels install themselves here, one line each:
        those on screen from the start now, the others after the first paint
        (`self.features`; see reader/ui/reading_features.py)."""
        from reader.ui.reading_features import install_about, install_packs, install_reading

        install_about(self)
        install_reading(self)
        install_packs(self)

    def _add_quit(self) -> None:
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addSeparator()
        self.file_menu.addAction(quit_action)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def clear_search(self) -> None:
        self.search_field.clear()
        self.search_field.setFocus()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        # Down arrow in the search field moves into the results list.
        if obj is self.search_field and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.left_stack.currentWidget() is self.results:
                self.results.setFocus()
                return True
        return super().eventFilter(obj, event)

    # -- pages -------------------------------------------------------------------------------
    def go_home(self) -> None:
        self._show(self.history.visit(HOME, self.page.scroll_position()).page)

    def open_factsheet(self, slug: str) -> None:
        if self.store.get(slug) is None:
            self.statusBar().showMessage(f"There is no factsheet called {slug!r}.", 5000)
            return
        self._show(self.history.visit(slug, self.page.scroll_position()).page)

    def go_back(self) -> None:
        place = self.history.back(self.page.scroll_position())
        if place is not None:
            self._show(place.page, place.scroll)

    def go_forward(self) -> None:
        place = self.history.forward(self.page.scroll_position())
        if place is not None:
            self._show(place.page, place.scroll)

    def current_page(self) -> str | None:
        return self.history.current.page if self.history.current else None

    def current_sheet(self) -> Factsheet | None:
        """The factsheet being read, or None on the home page."""
        page = self.current_page()
        return self.store.get(page) if page and page != HOME else None

    def _show(self, page: str, scroll: int = 0) -> None:
        if page == HOME:
            self.page.show_html(render_home(self.store, self.page_theme, notice=self.notice),
                                scroll)
            self.setWindowTitle(APP_TITLE)
        else:
            sheet = self.store.get(page)
            if sheet is None:
                return
            # Keyed by everything the HTML depends on: the factsheet's file, the whole content
            # (related titles, "also cited in") and the theme (colours, zoom).
            key = (page, sheet.digest, self.store.digest, repr(self.page_theme))
            html = self._page_cache.get(key, lambda: self._render(sheet))
            self.page.show_html(html, scroll)
            self.setWindowTitle(f"{sheet.title} — {APP_TITLE}")
            self.browse.select(page)
        self._update_actions()
        self.page_shown.emit(page)

    def _render(self, sheet: Factsheet) -> str:
        html = render_factsheet(sheet, self.store, self.page_theme, study_tools=True)
        forget_module_sources()  # the first render imports Markdown
        return html

    def reload_content(self, store: ContentStore, notice: str | None = None) -> None:
        """Show `store` instead of the current content (after a content pack install or
        rollback): new browse lists and category filter, a search service for the new content
        (its index is built if needed), and the home page. Features holding the old store
        listen to `content_changed`."""
        paths = self.paths or AppPaths.default()
        self.search_service.shutdown()
        self.search_service.deleteLater()
        self.store = store
        self.notice = notice
        search = SearchService(paths.index_root, store, self, prebuilt_root=paths.prebuilt_index)
        search.results.connect(self._show_results)
        search.ready.connect(self._on_index_ready)
        search.failed.connect(self._on_index_failed)
        search.progress.connect(self._on_index_progress)
        self.search_service = search
        self._fill_filters(store)
        self.browse.populate(store)
        self.search_field.clear()
        self.go_home()
        self.content_changed.emit(store)
        search.start()

    def refresh_page(self) -> None:
        """Render the current page again (new theme or zoom), keeping the reader's place."""
        if self.history.current is not None:
            self._show(self.history.current.page, self.page.scroll_position())

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    # -- search ------------------------------------------------------------------------------
    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._debounce.stop()
            self.search_service.latest_generation += 1  # drop any answer still on its way
            self._show_filtered()
            return
        if self.search_service.is_ready:
            self._debounce.start()
        else:  # answered from the names at once (below); the index gets the last words typed
            self._run_search()

    def _filter_grid(self) -> QGridLayout:
        """The two filters under visible captions. Each caption is its box's buddy: Alt+C and
        Alt+E jump to them, and a screen reader names the box by it (on Linux Qt names a combo
        box by its current value, whatever its accessible name says)."""
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for column, (caption, combo, items) in enumerate((
                ("&Category", self.category_filter, "Categories"),
                ("&Evidence", self.evidence_filter, "Evidence levels"))):
            label = QLabel(caption)
            label.setObjectName("filter-caption")
            label.setBuddy(combo)
            combo.view().setAccessibleName(items)
            grid.addWidget(label, 0, column)
            grid.addWidget(combo, 1, column)
            grid.setColumnStretch(column, 1)
        return grid

    def _fill_filters(self, store: ContentStore) -> None:
        """Offer only the categories and evidence levels the content has, with counts."""
        categories, levels = filter_choices(store)
        for combo, everything, choices in ((self.category_filter, "All categories", categories),
                                           (self.evidence_filter, "Any evidence", levels)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(f"{everything} ({len(store)})", None)
            for choice in choices:
                combo.addItem(choice.text, choice.value)
                if combo is self.evidence_filter:
                    combo.setItemData(combo.count() - 1, EVIDENCE_LEVELS[choice.value][1],
                                      Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)

    def filters(self) -> SearchFilters:
        return SearchFilters(category=self.category_filter.currentData(),
                             evidence=self.evidence_filter.currentData())

    def _on_filter_changed(self) -> None:
        if self.search_field.text().strip():
            self._run_search()
            return
        self._show_filtered()

    def _show_filtered(self) -> None:
        """With nothing typed, a chosen filter lists the factsheets it lets through."""
        filters = self.filters()
        if filters == SearchFilters():
            self.results.clear()
            self.status_label.hide()
            self.left_stack.setCurrentWidget(self.browse)
            return
        hits = browse_hits(self.store, filters)
        self.results.show_hits(hits)
        self.left_stack.setCurrentWidget(self.results)
        n = len(hits)
        self._set_status(f"{n} factsheet{'s' if n != 1 else ''} with these filters, A–Z")

    def _run_search(self) -> None:
        text = self.search_field.text()
        if not text.strip():
            return
        self.search_service.search(text, self.filters())
        if self.search_service.is_ready:
            return
        # Until the index has opened (a fraction of a second after start, longer the first
        # time it is built): the factsheets whose names match, then the full results.
        hits = name_hits(self.store, text, self.filters())
        if hits:
            self.results.show_hits(hits)
            self.left_stack.setCurrentWidget(self.results)
            count = f"{len(hits)} factsheet{'s' if len(hits) != 1 else ''}"
            self._set_status(f"{count} by name; searching the full text…", spoken=False)
        else:
            self._set_status("Preparing search…")

    def _show_results(self, result) -> None:
        if not self.search_field.text().strip():
            return
        self.results.show_hits(result.hits)
        self.left_stack.setCurrentWidget(self.results)
        self._set_status(_esc(result_summary(result, filtered=self.filters() != SearchFilters())))

    def _open_first_hit(self) -> None:
        self._debounce.stop()
        if self.left_stack.currentWidget() is self.results and self.results.hit_count():
            self.results.open_current()

    def _set_status(self, html_text: str, spoken: bool = True) -> None:
        """Show `html_text` under the search field and, when `spoken`, tell a screen reader
        once typing pauses (reader/ui/announce.py)."""
        self.status_label.setText(html_text)
        self.status_label.show()
        if spoken:
            from PySide6.QtGui import QTextDocumentFragment

            from reader.ui.announce import settled

            settled(self.status_label).say(QTextDocumentFragment.fromHtml(html_text).toPlainText())

    def _on_index_ready(self, count: int) -> None:
        log.info("search index ready: %d factsheets", count)
        if self.search_field.text().strip():
            self._run_search()

    def _on_index_failed(self, message: str) -> None:
        self._set_status(f"Search is unavailable: {_esc(message)}. Browse the list instead.")

    def _on_index_progress(self, done: int, total: int) -> None:
        if self.search_field.text().strip():
            self._set_status(f"Preparing search… {done} of {total}", spoken=False)  # too many to read out

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.search_service.shutdown()
        super().closeEvent(event)


def _shortcuts(keys: str, standard: QKeySequence.StandardKey) -> list[QKeySequence]:
    """`keys` plus the platform's standard keys for the same action, without duplicates
    (a duplicate makes Qt treat the shortcut as ambiguous and ignore it)."""
    out = [QKeySequence(keys)]
    for seq in QKeySequence.keyBindings(standard):
        if seq not in out:
            out.append(seq)
    return out


def _esc(text: str) -> str:
    import html

    return html.escape(text)
