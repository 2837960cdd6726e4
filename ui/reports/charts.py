"""Charts with QtCharts: bars (takings or pieces) and, on the pickup chart, a rate line.

Bar heights are whole yuan or pieces; the exact amounts are in the table behind the chart's
"show the numbers" button, formatted by app.money like everywhere else.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ui.reports.style import BAR_COLOUR, GRID_COLOUR, LINE_COLOUR

AXIS_POINT_SIZE = 12


def nice_ceiling(value: int) -> int:
    """A round axis maximum at or above value: 1, 2, 5 × 10^n."""
    if value <= 0:
        return 10
    step = 1
    while True:
        for f in (1, 2, 5):
            if step * f >= value:
                return step * f
        step *= 10


class BarChart(QChartView):
    """One series of bars over categories, with an optional percentage line (0-100%)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self._font = QFont()
        self._font.setPointSize(AXIS_POINT_SIZE)
        self._new_chart()
        self.categories: list[str] = []
        self.values: list[int] = []
        self.line: list[float | None] = []

    def set_data(self, categories: Sequence[str], values: Sequence[int], *, bar_name: str,
                 value_title: str, category_title: str = "",
                 line: Sequence[float | None] | None = None, line_name: str = "") -> None:
        """categories on x; values (whole yuan or pieces) as bars; line in % on the right.

        A fresh chart each time: QtCharts keeps removed axes around, so one reused chart
        ends up with two scales on top of each other.
        """
        self.categories = list(categories)
        self.values = [int(v) for v in values]
        self.line = list(line or [])
        chart = self._new_chart()

        bars = QBarSet(bar_name)
        bars.setColor(QColor(BAR_COLOUR))
        bars.setBorderColor(QColor(BAR_COLOUR))
        bars.append([float(v) for v in self.values])
        series = QBarSeries()
        series.setBarWidth(0.7)
        series.append(bars)
        chart.addSeries(series)

        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        x.setRange(-0.5, len(self.categories) - 0.5)
        every = label_step(len(self.categories))
        for i, name in enumerate(self.categories):
            if i % every == 0:
                x.append(name, i)
        x.setLabelsFont(self._font)
        x.setGridLineVisible(False)
        x.setTitleText(category_title)
        x.setTitleFont(self._font)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)

        y = QValueAxis()
        y.setRange(0, nice_ceiling(max(self.values, default=0)))
        y.setTickCount(5)
        y.setLabelFormat("%d")
        y.setLabelsFont(self._font)
        y.setTitleText(value_title)
        y.setTitleFont(self._font)
        y.setGridLineColor(QColor(GRID_COLOUR))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)

        if line:
            rate = QLineSeries()
            rate.setName(line_name)
            pen = QPen(QColor(LINE_COLOUR))
            pen.setWidth(3)
            rate.setPen(pen)
            rate.setPointsVisible(True)
            for i, v in enumerate(self.line):
                if v is not None:
                    rate.append(float(i), float(v))
            chart.addSeries(rate)
            rate.attachAxis(x)
            right = QValueAxis()
            right.setRange(0, 100)
            right.setTickCount(5)
            right.setLabelFormat("%d%%")
            right.setLabelsFont(self._font)
            right.setGridLineVisible(False)
            chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
            rate.attachAxis(right)
            chart.legend().setVisible(True)

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setVisible(False)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.legend().setFont(self._font)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        return chart


def label_step(count: int) -> int:
    """Label every bar up to 8 bars, then every 2nd, 3rd … so about 8 labels show."""
    return max(1, math.ceil(count / 8))


DAILY_BARS_MAX = 62
"""Longer stretches are charted by month (a year of daily bars is a grey smear); the
numbers behind the chart stay day by day."""


def by_month(days: Sequence[date], values: Sequence[int], rates: Sequence[float | None] = ()
             ) -> tuple[list[str], list[int], list[float | None]]:
    """Daily values summed per month, with the last known rate of each month."""
    labels: list[str] = []
    sums: list[int] = []
    last_rates: list[float | None] = []
    for i, day in enumerate(days):
        label = f"{day.year % 100:02d}/{day.month}"
        if not labels or labels[-1] != label:
            labels.append(label)
            sums.append(0)
            last_rates.append(None)
        sums[-1] += values[i]
        if i < len(rates) and rates[i] is not None:
            last_rates[-1] = rates[i]
    return labels, sums, last_rates
