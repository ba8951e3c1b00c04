"""The attract screen: while nobody uses the kiosk it shows featured factsheets one after another,
large enough to read from a waiting-room chair, and any touch starts.

When the desktop asks for less motion (reader/ui/reduced_motion.py) the screen holds still: one
featured factsheet each time the kiosk comes to rest, the next one the time after.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from reader.content.model import Factsheet
from reader.ui.kiosk.metrics import Metrics
from reader.ui.kiosk.overlays import plain_label
from reader.ui.reduced_motion import prefers_reduced_motion


class AttractScreen(QWidget):
    open_requested = Signal(str)
    start_requested = Signal()

    def __init__(self, sheets: list[Factsheet], seconds: float, title: str, metrics: Metrics,
                 parent=None, reduce_motion: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Featured factsheets")
        self._sheets = sheets
        self._index = 0
        self._reduce_motion = reduce_motion  # None: the desktop's setting, asked at each start
        self._rests = 0
        self._timer = QTimer(self)
        self._timer.setInterval(round(seconds * 1000))
        self._timer.timeout.connect(self.next_sheet)

        outer = QVBoxLayout(self)
        pad = metrics.px(96)
        outer.setContentsMargins(pad, metrics.px(64), pad, metrics.px(56))
        outer.setSpacing(metrics.px(22))
        self.clinic = plain_label(title, "lead")
        outer.addWidget(self.clinic)
        outer.addStretch(1)
        self.kicker = plain_label("", "muted")
        self.title = plain_label("", "heading")
        self.title.setStyleSheet(f"font-size: {metrics.px(64)}px;")
        self.question = plain_label("", "lead")
        self.question.setStyleSheet(f"font-size: {metrics.px(34)}px;")
        box = QFrame()
        box.setObjectName("summaryBox")
        box.setStyleSheet("QFrame#summaryBox { background: #eef6f3; border-left: "
                          f"{metrics.px(8)}px solid #2f7d64; }}")
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(metrics.px(32), metrics.px(24), metrics.px(32), metrics.px(24))
        self.summary = plain_label("", "")
        self.summary.setStyleSheet(f"font-size: {metrics.px(30)}px; background: transparent;")
        box_layout.addWidget(self.summary)
        for widget in (self.kicker, self.title, self.question, box):
            outer.addWidget(widget)
        outer.addStretch(2)
        actions = QHBoxLayout()
        actions.setSpacing(metrics.gap)
        self.hint = plain_label("Touch the screen to start", "subheading")
        actions.addWidget(self.hint, 1)
        self.read_button = QPushButton("Read this factsheet")
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("primary")
        for button in (self.read_button, self.start_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            actions.addWidget(button)
        self.read_button.clicked.connect(lambda: self.open_requested.emit(self.current_slug()))
        self.start_button.clicked.connect(self.start_requested)
        outer.addLayout(actions)
        self.dots = plain_label("", "muted")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.dots)
        self._show()

    def has_sheets(self) -> bool:
        return bool(self._sheets)

    def current_slug(self) -> str:
        return self._sheets[self._index].slug

    def start(self) -> None:
        """Show the first featured factsheet and start cycling; with less motion asked for,
        show the next one (from the last rest) and keep it."""
        still = (self._reduce_motion or prefers_reduced_motion)()
        if still and self._sheets:
            self._index = self._rests % len(self._sheets)
        else:
            self._index = 0
        self._rests += 1
        self.dots.setVisible(not still)
        self._show()
        if len(self._sheets) > 1 and not still:
            self._timer.start()

    def cycling(self) -> bool:
        """True while the featured factsheets change by themselves."""
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()

    def next_sheet(self) -> None:
        self._index = (self._index + 1) % len(self._sheets)
        self._show()

    def _show(self) -> None:
        if not self._sheets:
            return
        sheet = self._sheets[self._index]
        self.kicker.setText(sheet.category_label.upper())
        self.title.setText(sheet.title)
        self.question.setText(sheet.question)
        self.summary.setText(sheet.summary)
        self.dots.setText("  ".join("●" if i == self._index else "○"
                                    for i in range(len(self._sheets))))

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        event.accept()
        self.start_requested.emit()
