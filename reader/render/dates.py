"""The one place dates are formatted for people."""

from __future__ import annotations

import datetime as dt

# Not strftime("%B"): that follows the process locale, and the content is written in English.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(d: dt.date) -> str:
    """`25 November 2026`."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month_year(d: dt.date) -> str:
    """`November 2028`."""
    return f"{MONTHS[d.month - 1]} {d.year}"
