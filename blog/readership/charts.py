"""Server-rendered SVG charts for the editors' dashboard: no chart library, nothing
loaded from another site, and every chart comes with a table of the same numbers."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: date
    value: int


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    peak: int
    total: int

    @property
    def rows(self) -> list[tuple[date, int]]:
        return [(bar.day, bar.value) for bar in self.bars]


def bar_chart(title: str, series: list[tuple[date, int]], *, width=720, height=180) -> BarChart:
    peak = max((value for _, value in series), default=0)
    slot = width / max(len(series), 1)
    bars = []
    for n, (day, value) in enumerate(series):
        bar_height = 0 if peak == 0 else round(value / peak * (height - 4), 1)
        bars.append(
            Bar(
                x=round(n * slot + slot * 0.1, 1),
                y=round(height - bar_height, 1),
                width=round(slot * 0.8, 1),
                height=bar_height,
                day=day,
                value=value,
            )
        )
    return BarChart(title, bars, width, height, peak, sum(v for _, v in series))


def sparkline_points(values: list[int], *, width=100, height=20) -> str:
    """The `points` of an SVG polyline for a small trend line."""
    if not values:
        return ""
    peak = max(values) or 1
    step = width / max(len(values) - 1, 1)
    return " ".join(
        f"{round(n * step, 1)},{round(height - value / peak * (height - 2) - 1, 1)}"
        for n, value in enumerate(values)
    )
