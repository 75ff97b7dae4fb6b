"""Appointments: a same-day ticket when the item is open, or a time on one of
the next days; one tap books it."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ui.screens.base import Page, button, is_wide, label
from ui.style import SELECTED_MARK

DAYS_PER_ROW = 4


class SlotsPage(Page):
    def build(self) -> None:
        flow, visit = self.flow, self.flow.visit
        assert visit.item is not None
        row = QHBoxLayout() if is_wide(self) else QVBoxLayout()  # one row in landscape
        row.addWidget(label(visit.item.title.text(visit.language), name="title"), 1)
        if flow.can_take_ticket():
            row.addWidget(button(self.tr("Take a queue ticket for today"),
                                 lambda: flow.book(None), name="ticket"))
        row.addWidget(label(self.tr("Or book a time:"), name="hint"), 1)
        self.body.addLayout(row)
        self.body.addLayout(self._days())
        self.body.addWidget(self._slots(), 1)
        self.nav(self.back_button(), push_down=False)

    def _days(self) -> QGridLayout:
        """Four days to a row: seven in one ran off a portrait screen's edge."""
        locale = QLocale(self.flow.visit.language)
        row = QGridLayout()
        for n, day in enumerate(self.flow.booking_days()):
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            chosen = day == self.flow.visit.slot_day
            btn = button(f"{SELECTED_MARK if chosen else ''}{day:%m-%d}\n{name}",
                         lambda d=day: self.flow.show_day(d), name="day", secondary=not chosen)
            btn.setProperty("day", day.isoformat())
            per_row = len(self.flow.booking_days()) if is_wide(self) else DAYS_PER_ROW
            row.addWidget(btn, n // per_row, n % per_row)
        return row

    def _slots(self) -> QWidget:
        visit = self.flow.visit
        if visit.slots is None:
            return label(self.tr("Looking up free times…"), name="hint")
        if visit.slots_error:
            return label(visit.slots_error, name="problem")
        free = self.flow.free_slots()
        if not free:
            return label(self.tr("No free times on this day."), name="hint")
        holder = QWidget()
        grid = QGridLayout(holder)
        zone = self.flow.now().tzinfo
        for n, slot in enumerate(free):
            start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
            text = f"{start:%H:%M}–{end:%H:%M}\n" + self.tr("%n places left", "", slot.remaining)
            btn = button(text, lambda s=slot.slot_id: self.flow.book(s), name="slot",
                         secondary=True)
            btn.setProperty("slot_id", slot.slot_id)
            grid.addWidget(btn, n // 3, n % 3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        return scroll
