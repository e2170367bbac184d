"""Chart geometry (reports.charts): hand-computed ticks and bar sizes, and properties that hold
for any data (every bar inside the picture, a larger value never drawn shorter)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import charts
from reports.charts import Item, bar_chart, column_chart, nice_ticks, scale, shorten


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [
        (0, [0, 1]),
        (None, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (5, [0, 1, 2, 3, 4, 5]),
        (6, [0, 2, 4, 6]),
        (42, [0, 10, 20, 30, 40, 50]),
        (100, [0, 20, 40, 60, 80, 100]),
        (1706, [0, 500, 1000, 1500, 2000]),
        (10098, [0, 5000, 10000, 15000]),
        (4.3, [0, 1, 2, 3, 4, 5]),
    ],
)
def test_nice_ticks(maximum, expected):
    assert nice_ticks(maximum) == expected


def test_nice_ticks_with_fewer_steps():
    assert nice_ticks(1217, count=4) == [0, 500, 1000, 1500]
    with pytest.raises(ValueError):
        nice_ticks(10, count=0)


@given(st.integers(min_value=1, max_value=10**12), st.integers(min_value=1, max_value=10))
def test_nice_ticks_properties(maximum, count):
    ticks = nice_ticks(maximum, count)
    step = ticks[1]
    assert ticks[0] == 0 and ticks[-1] >= maximum > ticks[-2]
    assert len(ticks) - 1 <= count
    assert all(b - a == step for a, b in zip(ticks, ticks[1:], strict=False))
    digits = str(step).rstrip("0")
    assert digits in {"1", "2", "5"}, "steps are 1, 2 or 5 times a power of ten"


@pytest.mark.parametrize(
    ("value", "top", "length", "expected"),
    [
        (50, 100, 200, 100.0),
        (100, 100, 200, 200.0),
        (0, 100, 200, 0.0),
        (None, 100, 200, 0.0),
        (-5, 100, 200, 0.0),
        (150, 100, 200, 200.0),  # clamped to the axis
        (5, 0, 200, 0.0),
    ],
)
def test_scale(value, top, length, expected):
    assert scale(value, top, length) == expected


def test_shorten():
    assert shorten("Health", 26) == "Health"
    assert shorten("Revenue and Disaster Management", 12) == "Revenue and…"
    assert len(shorten("x" * 40, 26)) == 26


def test_column_chart_geometry():
    """width 480, height 240; ticks 0..20 step 5 (max 20); tick labels "20" -> left margin
    2 * 7 + 10 = 24; plot 480 - 24 - 8 = 448 wide, two bands of 224; labels fit (no
    rotation), so bottom margin 24 and plot height 240 - 18 - 24 = 198; baseline 216."""
    chart = column_chart(
        [Item("2013-14", 5, True), ("2014-15", 20)], key="c", title="Programmes", description="d"
    )
    first, second = chart.bars
    assert [t.value for t in chart.ticks] == [0, 5, 10, 15, 20]
    assert not chart.rotate_labels and chart.label_anchor == "middle"
    assert chart.axis == (24.0, 216.0, 472.0, 216.0)
    assert second.height == 198.0 and second.y == 18.0
    assert first.height == 49.5 and first.y + first.height == 216.0
    assert first.width == second.width == 48.0  # min(224 * 0.7, 48)
    assert first.x == 24 + 112 - 24 and second.x == 24 + 224 + 112 - 24
    assert first.marked and not second.marked and chart.any_marked
    assert (first.value_text, first.label) == ("5", "2013-14")
    assert chart.highest is second
    assert [t.y1 for t in chart.ticks] == [216.0, 166.5, 117.0, 67.5, 18.0]


def test_column_chart_rotates_crowded_labels_and_groups_values_the_indian_way():
    items = [(f"{year}-{(year + 1) % 100:02d}", 100000 + year) for year in range(2013, 2030)]
    chart = column_chart(items, key="c", title="t")
    assert chart.rotate_labels and chart.label_anchor == "end"
    assert chart.bars[0].value_text == "1,02,013"
    assert chart.ticks[-1].text == "1,50,000"


def test_bar_chart_geometry():
    """Rows of 26: height 4 + 2 * 26 + 22 = 78. Labels "Health" (6) and a shortened 26-char
    label -> left 26 * 7 + 10 = 192; values "3" and "10" -> right max(2, 1) * 7 + 8 = 22;
    plot 480 - 192 - 22 = 266; ticks (count 4) for max 10: 0, 5, 10."""
    chart = bar_chart(
        [("Revenue and Disaster Management", 10), ("Health", 3)], key="b", title="By department"
    )
    long, short = chart.bars
    assert chart.height == 78.0 and chart.horizontal
    assert long.short_label == "Revenue and Disaster Mana…" and long.label.endswith("Management")
    assert long.x == short.x == 192.0
    assert long.width == 266.0 and short.width == round(3 / 10 * 266, 1)
    assert [t.value for t in chart.ticks] == [0, 5, 10]
    assert [t.x1 for t in chart.ticks] == [192.0, 325.0, 458.0]
    assert long.y == 4 + 3.9 and short.y == 4 + 26 + 3.9
    assert (chart.label_anchor, chart.value_anchor, chart.tick_anchor) == ("end", "start", "middle")


def test_empty_charts_have_no_bars():
    assert column_chart([], key="c", title="t").bars == []
    assert bar_chart([], key="b", title="t").highest is None


values = st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=40)


@given(values)
def test_columns_stay_inside_and_follow_the_values(numbers):
    chart = column_chart([(str(n), n) for n in numbers], key="c", title="t")
    for bar in chart.bars:
        assert bar.x >= 0 and bar.x + bar.width <= chart.width
        assert bar.y >= 0 and bar.y + bar.height == pytest.approx(chart.axis[1], abs=0.11)
    by_value = sorted(chart.bars, key=lambda bar: bar.value)
    assert all(a.height <= b.height for a, b in zip(by_value, by_value[1:], strict=False))


@given(values)
def test_bars_stay_inside_and_follow_the_values(numbers):
    chart = bar_chart([(f"item {n}", n) for n in numbers], key="b", title="t")
    for bar in chart.bars:
        assert bar.x + bar.width <= chart.width and bar.y + bar.height <= chart.height
    by_value = sorted(chart.bars, key=lambda bar: bar.value)
    assert all(a.width <= b.width for a, b in zip(by_value, by_value[1:], strict=False))


def test_geometry_imports_no_django():
    """The geometry is pure: no database, no request, no Django, so it is tested on its own."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(charts))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported == {"collections.abc", "dataclasses", "lms.core.numbers"}
