"""Small helpers shared by the benchmark scripts: summaries of repeated measurements."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    median: float
    low: float
    high: float
    p95: float

    def ratio(self, floor: Summary) -> float:
        return self.median / floor.median if floor.median else float("inf")

    def __str__(self) -> str:
        return f"{self.median:.1f} (min {self.low:.1f}, max {self.high:.1f})"


def summarise(values: list[float]) -> Summary:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(0.95 * (len(ordered) - 1))))
    return Summary(statistics.median(ordered), ordered[0], ordered[-1], ordered[k])
