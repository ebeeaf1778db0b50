"""Dated articles grouped into periods, so that figures over time stay readable at any size.

A handful of articles can each be a point on a time axis; ten thousand cannot (their dots and
columns merge into a band). `choose_period` picks the finest grouping that keeps a figure to at
most `max_points` points along the time axis; `period_labels` names each article's period.
"""
import pandas as pd

from .errors import InputError

# "article": every dated article on its own; the others group articles by calendar period.
PERIODS = ("article", "month", "quarter", "year")
# Most points a figure over time shows along its axis before articles are grouped.
MAX_POINTS = 48
_FREQUENCY = {"month": "M", "quarter": "Q", "year": "Y"}


def check_period(value, name):
    """A notebook parameter naming a period: one of PERIODS, or "auto"."""
    if value != "auto" and value not in PERIODS:
        raise InputError(f"parameter {name} must be \"auto\" or one of "
                         f"{', '.join(map(repr, PERIODS))}, got {value!r}")
    return value


def choose_period(dates, max_points=MAX_POINTS):
    """The finest of PERIODS with at most `max_points` points over `dates` ("year" if none).

    Articles are points of their own while there are at most `max_points` of them; a period
    counts every calendar period from the first date to the last, empty ones included, as the
    time axis shows them all.
    """
    dates = pd.Series(dates).dropna()
    if len(dates) <= max_points:
        return "article"
    first, last = dates.min(), dates.max()
    for period in PERIODS[1:-1]:
        spanned = pd.period_range(first, last, freq=_FREQUENCY[period])
        if len(spanned) <= max_points:
            return period
    return "year"


def resolve_period(period, dates, max_points=MAX_POINTS):
    """`period`, or the one `choose_period` picks when it is "auto"."""
    return choose_period(dates, max_points) if period == "auto" else period


def period_name(period, article):
    """What a figure calls its points in time: `article` ("article date") for articles, else
    the period ("quarter"), for titles and axis labels."""
    return article if period == "article" else period


def period_labels(dates, period):
    """(start date, label) of the period of each date: "2022-03", "2022-Q1", "2022".

    `period` is one of PERIODS but "article" (an article is its own point: see the callers).
    """
    periods = pd.Series(dates).dt.to_period(_FREQUENCY[period])
    return periods.dt.start_time, periods.astype(str)
