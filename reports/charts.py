"""Bar-chart geometry for the report page: pure functions (no database, no request) that turn
(label, value) pairs into coordinates, drawn as inline SVG by
``templates/reports/includes/bar_chart.html``. No JavaScript and no chart library: the page
works without scripts and prints as it is shown.

``column_chart`` draws vertical bars (the year-wise series), ``bar_chart`` horizontal ones
(breakdowns, whose labels are long). Both return a ``Chart`` whose bars, labels and axis ticks
carry final coordinates, so the template only places them. Text widths are estimated
(``CHAR`` pixels a character at the 12px chart font); labels too long for their room are
shortened with an ellipsis and keep their full text in the bar's tooltip, and the data table
next to every chart is the accessible alternative."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from lms.core.numbers import format_indian

CHAR = 7.0  # estimated width of one character at font-size 12
FONT = 12
LABEL_LIMIT = 26  # characters of a horizontal bar's label before it is shortened


@dataclass(frozen=True)
class Item:
    label: str
    value: float
    marked: bool = False  # drawn hatched (e.g. a year whose figures were imported)


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    value: float
    value_text: str
    marked: bool
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Tick:
    value: float
    text: str
    x1: float
    y1: float
    x2: float
    y2: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    key: str  # prefix for the SVG's element ids (unique on the page)
    title: str
    description: str
    width: float
    height: float
    horizontal: bool
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    axis: tuple[float, float, float, float] = (0, 0, 0, 0)  # the baseline x1, y1, x2, y2
    rotate_labels: bool = False

    @property
    def label_anchor(self) -> str:
        return "end" if self.horizontal or self.rotate_labels else "middle"

    @property
    def value_anchor(self) -> str:
        return "start" if self.horizontal else "middle"

    @property
    def tick_anchor(self) -> str:
        return "middle" if self.horizontal else "end"

    @property
    def any_marked(self) -> bool:
        return any(bar.marked for bar in self.bars)

    @property
    def highest(self) -> Bar | None:
        """The first bar with the largest value."""
        return max(self.bars, key=lambda bar: bar.value, default=None)


def nice_ticks(maximum: float, count: int = 5) -> list[int]:
    """Axis ticks from 0 in steps of 1, 2 or 5 times a power of ten, at most ``count`` steps,
    the last tick at or above ``maximum``: 1706 -> 0, 500, ..., 2000; 42 -> 0, 10, ..., 50."""
    if count < 1:
        raise ValueError("count must be at least 1")
    if maximum is None or maximum <= 0:
        return [0, 1]
    magnitude = 1
    while magnitude * 10 * count < maximum:
        magnitude *= 10
    step = next(magnitude * m for m in (1, 2, 5, 10) if -(-maximum // (magnitude * m)) <= count)
    steps = int(-(-maximum // step))
    return [step * n for n in range(steps + 1)]


def scale(value: float, top: float, length: float) -> float:
    """Length of a bar for ``value`` on an axis from 0 to ``top`` drawn ``length`` long
    (clamped to the axis; nothing when the axis is empty)."""
    if top <= 0 or not value or value < 0:
        return 0.0
    return min(value, top) / top * length


def shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: max(limit - 1, 1)].rstrip() + "…"


def _items(items: Iterable) -> list[Item]:
    result = []
    for item in items:
        if not isinstance(item, Item):
            item = Item(*item)
        result.append(Item(str(item.label), item.value or 0, bool(item.marked)))
    return result


def _r(number: float) -> float:
    return round(number, 1)


def column_chart(
    items: Iterable, *, key: str, title: str, description: str = "", width=480, height=240
) -> Chart:
    """Vertical bars, one per item, in the given order; the value above each bar."""
    items = _items(items)
    ticks = nice_ticks(max((item.value for item in items), default=0))
    top_value = ticks[-1]
    tick_texts = [format_indian(t) for t in ticks]
    left = max(len(t) for t in tick_texts) * CHAR + 10
    right, top = 8.0, 18.0
    plot_width = width - left - right
    band = plot_width / max(len(items), 1)
    longest = max((len(item.label) for item in items), default=0)
    rotate = band < longest * CHAR + 4
    bottom = (longest * CHAR * 0.72 + 16) if rotate else 24.0
    plot_height = height - top - bottom
    baseline = top + plot_height
    bar_width = min(band * 0.7, 48.0)
    bars = []
    for index, item in enumerate(items):
        length = scale(item.value, top_value, plot_height)
        centre = left + band * index + band / 2
        bars.append(
            Bar(
                label=item.label,
                short_label=item.label,
                value=item.value,
                value_text=format_indian(item.value),
                marked=item.marked,
                x=_r(centre - bar_width / 2),
                y=_r(baseline - length),
                width=_r(bar_width),
                height=_r(length),
                label_x=_r(centre),
                label_y=_r(baseline + (12 if rotate else 16)),
                value_x=_r(centre),
                value_y=_r(baseline - length - 4),
            )
        )
    chart_ticks = [
        Tick(
            value=t,
            text=text,
            x1=_r(left),
            y1=_r(baseline - scale(t, top_value, plot_height)),
            x2=_r(width - right),
            y2=_r(baseline - scale(t, top_value, plot_height)),
            text_x=_r(left - 6),
            text_y=_r(baseline - scale(t, top_value, plot_height) + 4),
        )
        for t, text in zip(ticks, tick_texts, strict=True)
    ]
    return Chart(
        key=key,
        title=title,
        description=description,
        width=width,
        height=_r(height),
        horizontal=False,
        bars=bars,
        ticks=chart_ticks,
        axis=(_r(left), _r(baseline), _r(width - right), _r(baseline)),
        rotate_labels=rotate,
    )


def bar_chart(
    items: Iterable, *, key: str, title: str, description: str = "", width=480, row=26
) -> Chart:
    """Horizontal bars, one row per item, in the given order; labels on the left, values at
    the bars' ends. The chart is as tall as its rows."""
    items = _items(items)
    ticks = nice_ticks(max((item.value for item in items), default=0), count=4)
    top_value = ticks[-1]
    labels = [shorten(item.label, LABEL_LIMIT) for item in items]
    values = [format_indian(item.value) for item in items]
    left = max((len(label) for label in labels), default=0) * CHAR + 10
    right = max([len(v) for v in values] + [len(format_indian(top_value)) / 2]) * CHAR + 8
    top, bottom = 4.0, 22.0
    plot_width = width - left - right
    thickness = row * 0.7
    height = top + row * len(items) + bottom
    bars = []
    for index, item in enumerate(items):
        length = scale(item.value, top_value, plot_width)
        y = top + row * index + (row - thickness) / 2
        middle = y + thickness / 2 + 4
        bars.append(
            Bar(
                label=item.label,
                short_label=labels[index],
                value=item.value,
                value_text=values[index],
                marked=item.marked,
                x=_r(left),
                y=_r(y),
                width=_r(length),
                height=_r(thickness),
                label_x=_r(left - 6),
                label_y=_r(middle),
                value_x=_r(left + length + 4),
                value_y=_r(middle),
            )
        )
    plot_bottom = top + row * len(items)
    chart_ticks = [
        Tick(
            value=t,
            text=format_indian(t),
            x1=_r(left + scale(t, top_value, plot_width)),
            y1=_r(top),
            x2=_r(left + scale(t, top_value, plot_width)),
            y2=_r(plot_bottom),
            text_x=_r(left + scale(t, top_value, plot_width)),
            text_y=_r(height - 6),
        )
        for t in ticks
    ]
    return Chart(
        key=key,
        title=title,
        description=description,
        width=width,
        height=_r(height),
        horizontal=True,
        bars=bars,
        ticks=chart_ticks,
        axis=(_r(left), _r(top), _r(left), _r(plot_bottom)),
    )
