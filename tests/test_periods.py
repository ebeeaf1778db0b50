"""Figures over time group their articles by period once there are too many to read."""
import pandas as pd
import pytest

from analysis import InputError, category_timeline, check_period, resolve_period, term_trends
from analysis.periods import MAX_POINTS, choose_period, period_name


def _days(first, n, step="D"):
    return pd.Series(pd.date_range(first, periods=n, freq=step))


def test_articles_stay_points_of_their_own_while_there_are_few():
    assert choose_period(_days("2020-01-01", MAX_POINTS)) == "article"
    # Undated articles are no points on a time axis.
    dates = pd.concat([_days("2020-01-01", MAX_POINTS), pd.Series([pd.NaT] * 5)])
    assert choose_period(dates) == "article"


@pytest.mark.parametrize("first, last, period", [
    ("2020-01-01", "2023-12-31", "month"),       # 48 months
    ("2020-01-01", "2024-01-01", "quarter"),     # 49 months, 17 quarters
    ("2015-01-01", "2026-12-31", "quarter"),     # 48 quarters
    ("2015-01-01", "2027-01-01", "year"),        # 49 quarters
    ("1900-01-01", "2025-01-01", "year"),        # more years than points: still years
])
def test_the_finest_period_with_at_most_max_points_is_chosen(first, last, period):
    dates = pd.Series(pd.to_datetime([first] * MAX_POINTS + [last]))
    assert choose_period(dates) == period


def test_auto_resolves_and_a_named_period_is_kept():
    many = _days("2020-01-01", MAX_POINTS + 1)
    assert resolve_period("auto", many) == "month"
    assert resolve_period("year", many) == "year"
    assert check_period("auto", "p") == "auto"
    with pytest.raises(InputError, match="timeline_period.*'quarter'"):
        check_period("weekly", "timeline_period")


def _corpus(texts, dates):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts,
                         "date": pd.to_datetime(dates)})


def test_term_trends_by_period_are_the_rate_of_all_the_periods_articles():
    docs = _corpus(["NATO talks", "NATO and NATO again today now", "peace now", "NATO undated"],
                   ["2022-01-05", "2022-03-30", "2022-04-01", None])
    table = term_trends(docs, ["nato"], period="quarter")
    assert table["label"].tolist() == ["2022Q1", "2022Q2"]
    assert table["date"].tolist() == [pd.Timestamp("2022-01-01"), pd.Timestamp("2022-04-01")]
    assert table["count"].tolist() == [3, 0]
    assert table["words"].tolist() == [8, 2]
    assert table["articles"].tolist() == [2, 1]
    # 3 of 8 words, not the mean of the articles' rates (500 and 333.33).
    assert table["per_1000"].tolist() == [375.0, 0.0]
    by_article = term_trends(docs, ["nato"])
    assert by_article["count"].sum() == table["count"].sum()


def test_category_timeline_by_period_adds_up_the_articles():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
                         "date": pd.to_datetime(["2021-05-02", "2021-05-30", "2021-06-01",
                                                 None])})
    evidence = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d"],
                             "category": ["y", "x", "x", "x", "x"]})
    by_article = category_timeline(evidence, docs, ["x", "y"])
    assert by_article[["doc_id", "category", "sentences"]].values.tolist() == [
        ["a", "x", 1], ["a", "y", 1], ["b", "x", 1], ["c", "x", 1]]
    by_month = category_timeline(evidence, docs, ["x", "y"], period="month")
    assert by_month[["label", "category", "sentences", "articles"]].values.tolist() == [
        ["2021-05", "x", 2, 2], ["2021-05", "y", 1, 1], ["2021-06", "x", 1, 1]]
    assert by_month["date"].tolist() == [pd.Timestamp("2021-05-01")] * 2 + [
        pd.Timestamp("2021-06-01")]


def test_a_figure_names_its_points_by_article_or_by_period():
    assert period_name("article", "article date") == "article date"
    assert period_name("quarter", "article date") == "quarter"
