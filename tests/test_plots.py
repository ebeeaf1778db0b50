"""Figures stay readable and finite whatever the size of the corpus."""
import matplotlib.dates
import pandas as pd
import pytest
import matplotlib.pyplot as plt
from matplotlib.text import Text

from analysis import plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def grid(rows, columns):
    return pd.DataFrame([{"row": f"r{i}", "doc_id": f"d{j:05d}", "n": (i + j) % 4}
                         for i in range(rows) for j in range(columns)])


def draw(table):
    return plots.heatmap(table, "row", "doc_id", "n", title="t", xlabel="x", ylabel="y",
                         source="Source: test")


def test_small_heatmap_writes_every_count_and_labels_every_column():
    fig = draw(grid(3, 5))
    ax = fig.axes[0]
    assert len(ax.texts) == 15
    assert [label.get_text() for label in ax.get_xticklabels()] == [f"d{j:05d}" for j in range(5)]


def test_heatmap_of_thousands_of_articles_stays_bounded_and_unlabelled():
    fig = draw(grid(4, 2000))
    ax = fig.axes[0]
    width, height = fig.get_size_inches()
    assert width <= plots.MAX_FIGURE_INCHES and height <= plots.MAX_FIGURE_INCHES
    assert not ax.texts and not ax.get_xticklabels()


def test_bar_chart_height_is_capped():
    table = pd.DataFrame({"label": [f"a{i}" for i in range(5000)], "value": range(5000)})
    fig = plots.bar_chart(table, "label", "value", title="t", xlabel="x", ylabel="y",
                          source="Source: test")
    assert fig.get_size_inches()[1] <= plots.MAX_FIGURE_INCHES


def test_timeline_labels_its_dots_only_while_they_can_be_read():
    def dots(n):
        return pd.DataFrame({"date": pd.date_range("2015-01-01", periods=n, freq="D"),
                             "category": "c", "sentences": 1})

    def draw_timeline(table):
        return plots.timeline(table, "date", "category", "sentences", row_order=["c"],
                              start_year=2015, end_year=2025, title="t", xlabel="x",
                              ylabel="y", source="Source: test")

    few = draw_timeline(dots(5)).axes[0]
    many = draw_timeline(dots(plots.MAX_LABELLED_CELLS + 1)).axes[0]
    crowded = draw_timeline(dots(plots.MAX_LABELLED_DATES + 1)).axes[0]
    assert [text.get_text() for text in few.texts] == ["1"] * 5 and few.get_legend() is None
    assert not crowded.texts
    assert not many.texts and len(many.collections[0].get_offsets()) == plots.MAX_LABELLED_CELLS + 1
    assert [text.get_text() for text in many.get_legend().get_texts()] == ["1"]


def test_a_timeline_too_crowded_to_label_says_what_its_dot_sizes_mean():
    table = pd.DataFrame({"date": pd.date_range("2015-01-01", periods=40, freq="MS"),
                          "category": "c", "sentences": range(3, 43)})
    ax = plots.timeline(table, "date", "category", "sentences", row_order=["c"],
                        start_year=2015, end_year=2025, title="t", xlabel="x", ylabel="y",
                        source="Source: test").axes[0]
    legend = ax.get_legend()
    values = [float(text.get_text()) for text in legend.get_texts()]
    sizes = [handle.get_sizes()[0] for handle in legend.legend_handles]
    assert legend.get_title().get_text() == "Sentences" and len(values) >= 2
    assert all(3 <= value <= 42 for value in values) and values == sorted(values)
    # Each legend dot is drawn as a dot of its value is: the sizes of the plotted dots.
    plotted = dict(zip(table["sentences"], ax.collections[0].get_sizes()))
    assert sizes == [plotted[value] for value in values]


@pytest.mark.parametrize("period, title, xlabel", [
    ("article", "Demand categories over the articles' dates", "Article date"),
    ("quarter", "Demand categories by quarter, coded sentences of all its articles", "Quarter"),
])
def test_demand_timeline_says_what_each_dot_is(period, title, xlabel):
    table = pd.DataFrame({"date": pd.to_datetime(["2022-01-01", "2023-04-01"]),
                          "category": ["neutrality", "territory"], "sentences": [2, 1]})
    ax = plots.demand_timeline(table, period, ["neutrality", "territory"], start_year=2020,
                               end_year=2024, source="Source: test").axes[0]
    assert (ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()) == (title, xlabel,
                                                                        "Category")
    assert [label.get_text() for label in ax.get_yticklabels()] == ["neutrality", "territory"]


def test_who_demands_what_keeps_the_actors_ranked_and_every_category():
    table = pd.DataFrame({"actor": ["Putin", "Putin", "Lavrov"],
                          "category": ["neutrality", "territory", "neutrality"],
                          "sentences": [3, 1, 2]})
    ax = plots.demand_actors(table, ["territory", "neutrality", "halt_weapons"],
                             source="Source: test").axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["Putin", "Lavrov"]
    assert [label.get_text() for label in ax.get_xticklabels()] == ["territory", "neutrality",
                                                                     "halt_weapons"]
    assert ax.get_title(loc="left") == "Who demands what"


def test_panels_of_large_values_keep_their_ticks_apart_and_the_title_clear():
    table = pd.DataFrame({"doc": [f"d{i // 10}" for i in range(300)],
                          "term": [f"term{i % 10}" for i in range(300)],
                          "value": [125_000 - 1_000 * (i % 10) for i in range(300)]})
    fig = plots.small_multiples(table, "doc", "term", "value", title="t", xlabel="x",
                                source="Source: test")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [label.get_text() for label in fig.axes[0].get_xticklabels()]
    assert "120,000" in labels and len(labels) <= 5
    # The figure is 37 inches tall: its title must still sit above the first row's panels.
    title = fig._suptitle.get_window_extent(renderer)
    assert all(title.y0 > ax.title.get_window_extent(renderer).y1 for ax in fig.axes[:3])


def test_source_line_counts_the_articles_with_thousands_separators():
    docs = pd.DataFrame({"date": pd.to_datetime(["2022-03-01"] * 1234 + [None])})
    assert plots.source_line(docs, "archive/") == \
        "Source: 1,235 articles in archive/, 2022-03-01 to 2022-03-01"
    assert plots.source_line(docs.head(1), "a/").startswith("Source: 1 article in a/")


def test_subset_title_says_when_a_figure_shows_some_of_the_articles():
    assert plots.subset_title("Mentions", ["a", "b"], 2, "with the most mentions") == "Mentions"
    assert plots.subset_title("Mentions", ["a", "b"], 12345, "with the most mentions") == \
        "Mentions (the 2 with the most mentions, of 12,345)"


def test_a_title_wider_than_its_chart_is_broken_into_lines_that_fit():
    # Long labels leave the title the narrow right part of the figure, as on a real archive.
    table = pd.DataFrame({"label": ["part000/doc000001 (2015-11-02)",
                                    "part000/doc000002 (2015-11-03)"], "value": [1, 2]})
    title = plots.subset_title("Article length after cleaning", table["label"], 100_000,
                               "longest")

    def drawn(title):
        fig = plots.bar_chart(table, "label", "value", title=title, xlabel="x", ylabel="y",
                              source="Source: test")
        shown = fig.axes[0].get_title(loc="left")
        return fig, next(text for text in fig.findobj(Text) if text.get_text() == shown)

    fig, heading = drawn(title)
    assert heading.get_window_extent().x1 <= fig.bbox.width
    assert "\n" in heading.get_text() and heading.get_text().replace("\n", " ") == title
    fig, heading = drawn("Article length")
    assert heading.get_text() == "Article length"


def test_who_demands_what_shows_the_first_actors_and_says_of_how_many():
    table = pd.DataFrame({"actor": ["Putin", "Putin", "Lavrov", "Peskov"],
                          "category": ["neutrality", "territory", "neutrality", "territory"],
                          "sentences": [3, 1, 2, 1]})
    ax = plots.demand_actors(table, ["territory", "neutrality"], top=2,
                             source="Source: test").axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["Putin", "Lavrov"]
    # (on two lines: the two columns leave the title little room)
    assert ax.get_title(loc="left").replace("\n", " ") == \
        "Who demands what (the 2 with the most coded sentences, of 3)"


def test_a_bar_chart_of_the_top_rows_says_of_how_many():
    table = pd.DataFrame({"label": [f"speaker {i}" for i in range(12)], "value": range(12, 0, -1)})

    def drawn(top):
        ax = plots.bar_chart(table, "label", "value", title="Quotations per speaker",
                             xlabel="x", ylabel="y", source="Source: test", top=top,
                             ranking="most quoted").axes[0]
        return ax.get_title(loc="left"), [label.get_text() for label in ax.get_yticklabels()]

    title, labels = drawn(5)
    assert title == "Quotations per speaker (the 5 most quoted, of 12)"
    assert labels == [f"speaker {i}" for i in range(4, -1, -1)]     # the first at the top
    assert drawn(20) == ("Quotations per speaker", [f"speaker {i}" for i in range(11, -1, -1)])


def _texts(fig):
    return [text.get_text() for text in fig.findobj(Text)]


@pytest.mark.parametrize("draw", [
    lambda: plots.bar_chart(pd.DataFrame(columns=["term", "count"]), "term", "count",
                            title="t", xlabel="x", ylabel="y", source="Source: test"),
    lambda: plots.demand_actors(pd.DataFrame(columns=["actor", "category", "sentences"]),
                                ["neutrality", "territory"], source="Source: test", top=5),
    lambda: plots.small_multiples(pd.DataFrame(columns=["doc_id", "term", "count"]), "doc_id",
                                  "term", "count", title="t", xlabel="x", source="Source: test"),
    lambda: plots.demand_timeline(pd.DataFrame({"date": pd.to_datetime([]), "category": [],
                                                "sentences": []}),
                                  "article", ["neutrality"], source="Source: test"),
], ids=["bar chart", "heatmap", "small multiples", "timeline"])
def test_a_figure_of_an_empty_table_says_there_is_nothing_to_show(draw):
    assert plots.EMPTY_NOTE in _texts(draw())


def _timeline_axis(dates, **years):
    table = pd.DataFrame({"date": pd.to_datetime(dates), "category": "c", "sentences": 1})
    ax = plots.timeline(table, "date", "category", "sentences", row_order=["c"], title="t",
                        xlabel="x", ylabel="y", source="Source: test", **years).axes[0]
    low, high = ax.get_xlim()
    return (matplotlib.dates.num2date(low).replace(tzinfo=None),
            matplotlib.dates.num2date(high).replace(tzinfo=None))


def test_a_timeline_spans_whole_years_given_or_those_of_its_dates():
    dates = ["2016-05-01", "2023-02-01"]
    low, high = _timeline_axis(dates, start_year=2015, end_year=2025)
    assert low < pd.Timestamp("2015-01-01") and high > pd.Timestamp("2025-12-31")
    low, high = _timeline_axis(dates)
    assert pd.Timestamp("2015-06-01") < low < pd.Timestamp("2016-01-01")
    assert pd.Timestamp("2023-12-31") < high < pd.Timestamp("2024-06-01")


def test_dates_of_a_few_weeks_get_a_timeline_of_their_own_span():
    low, high = _timeline_axis(["2024-03-04", "2024-03-12"])
    assert pd.Timestamp("2024-02-20") < low < pd.Timestamp("2024-03-04")
    assert pd.Timestamp("2024-03-12") < high < pd.Timestamp("2024-03-25")
