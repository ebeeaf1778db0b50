"""Figures: one function per figure, a tidy DataFrame in, a matplotlib Figure out.

Plot functions never compute; they draw what the analysis modules return. `save_figure` writes
every figure as PNG next to the CSV of the data behind it (same file stem), so a reader can
check any bar. Every figure carries a title, labelled axes and a source line.
"""
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.dates
import matplotlib.ticker
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .periods import period_name

# Start pyplot's backend now, outside any rc_context: in a notebook the inline backend turns
# interactive mode on as it starts, and a context entered before that would turn it off again on
# exit, so every later figure would go undisplayed.
plt.switch_backend(matplotlib.get_backend())

# A fixed look, independent of a user's matplotlibrc, so the PNGs are byte-stable.
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
}
BAR_COLOUR = "#3b6ea5"
NOTE_COLOUR = "#555555"     # the source line, and the note on a figure with nothing to show
# Past these a figure would not be read anyway, and its pixels and text objects grow without
# bound on a large corpus (a heatmap of 10,000 articles is gigabytes): notebooks choose what to
# show with analysis.top_documents, and these caps keep any other call finite.
MAX_FIGURE_INCHES = 24
MAX_LABELLED_CELLS = 600    # cells of a heatmap, dots of a timeline: each label is a text object
MAX_LABELLED_DATES = 24     # dates of a timeline: more, and the labels of a row run together
MAX_TICK_LABELS = 80
SHORT_SPAN = pd.Timedelta(days=730)     # dates closer than this get a timeline of their own span
HEATMAP_COLOURS = "Blues"
EMPTY_NOTE = "Nothing to show: the table behind this figure is empty"


def source_line(docs, corpus_label):
    """'Source: 5 articles in seeds/, 2015-04-17 to 2025-06-30' for the foot of a figure."""
    dates = docs["date"].dropna()
    span = f", {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else ""
    noun = "article" if len(docs) == 1 else "articles"
    return f"Source: {len(docs):,} {noun} in {corpus_label}{span}"


def subset_title(title, shown, total, ranking):
    """A per-article figure's title, saying so when it shows only some of the articles:
    "Actor mentions by article (the 30 with the most mentions, of 10,000)"."""
    if len(shown) >= total:
        return title
    return f"{title} (the {len(shown):,} {ranking}, of {total:,})"


def _say_nothing_to_show(ax):
    """Say so on a figure with nothing to draw (no sentence coded, no term found), rather than
    leave blank axes that look like a failed plot."""
    ax.text(0.5, 0.5, EMPTY_NOTE, transform=ax.transAxes, ha="center", va="center",
            color=NOTE_COLOUR)


def _finish(fig, ax, title, xlabel, ylabel, source):
    heading = ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.text(0.01, 0.005, source, fontsize=8, color=NOTE_COLOUR, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    # A title that says which articles it shows ("... (the 30 longest, of 10,000)") can run
    # past the right edge of a narrow chart: it is broken into lines that fit.
    extent = heading.get_window_extent(fig.canvas.get_renderer())
    if extent.x1 > fig.bbox.width:
        room = fig.bbox.width - extent.x0 - fig.dpi * 0.1
        heading.set_text(textwrap.fill(title, max(20, int(len(title) * room / extent.width))))
        fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def save_figure(fig, table, figures_dir, stem):
    """Write `stem`.png and `stem`.csv (the data behind the figure) into `figures_dir`."""
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    # No software version or date in the file, so the same data gives the same bytes.
    fig.savefig(figures_dir / f"{stem}.png", metadata={"Software": None})
    save_table(table, figures_dir, stem)


def save_table(table, figures_dir, stem):
    """Write `stem`.csv into `figures_dir`: a table shown without a figure, or behind one."""
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    table.to_csv(figures_dir / f"{stem}.csv", index=False, lineterminator="\n")


def save_rows(rows, figures_dir, stem, transform=None):
    """Write `stem`.csv of a listing too long to hold (a pipeline's SpooledRows) a piece at a
    time, each piece through `transform` (as `analysis.demand_evidence`); a DataFrame is
    written at once. Both give the same file."""
    transform = transform or (lambda table: table)
    if isinstance(rows, pd.DataFrame):
        return save_table(transform(rows), figures_dir, stem)
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    with open(figures_dir / f"{stem}.csv", "w", encoding="utf-8", newline="") as out:
        header = True
        for frame in rows.frames():
            transform(frame).to_csv(out, index=False, header=header, lineterminator="\n")
            header = False
        if header:
            transform(pd.DataFrame(columns=rows.columns)).to_csv(out, index=False,
                                                                   lineterminator="\n")


def _value_axis(axis, ticks):
    """At most `ticks` ticks, whole numbers where the range allows, with thousands separators:
    on a large corpus the values grow long enough to run together ("100000125000")."""
    axis.set_major_locator(matplotlib.ticker.MaxNLocator(nbins=ticks, integer=True))
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda number, _: f"{number:,.0f}" if number == int(number) else f"{number:,g}"))


def bar_chart(table, label, value, *, title, xlabel, ylabel, source, top=None, ranking=None):
    """Horizontal bars, largest at the top, one per row of `table`; with `top`, its first
    `top` rows, the title saying when that is not all of them ("the 20 `ranking`, of 40")."""
    if top is not None:
        shown = table.head(top)
        title, table = subset_title(title, shown, len(table), ranking), shown
    with matplotlib.rc_context(STYLE):
        height = min(MAX_FIGURE_INCHES, max(2.5, 0.28 * len(table) + 1.2))
        fig, ax = plt.subplots(figsize=(7.5, height))
        ax.barh(table[label][::-1], table[value][::-1], color=BAR_COLOUR)
        _value_axis(ax.xaxis, 6)
        if table.empty:
            _say_nothing_to_show(ax)
        return _finish(fig, ax, title, xlabel, ylabel, source)


def heatmap(table, row, column, value, *, title, xlabel, ylabel, source, row_order=None,
            column_order=None):
    """A grid of counts: one cell per (row, column) pair of a long table, counts written in.

    A grid too large to read cell by cell keeps its colours but drops the counts (and, past
    MAX_TICK_LABELS, the tick labels); the CSV behind it has every count.
    """
    grid = table.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0)
    if row_order is not None:
        grid = grid.reindex(index=row_order, fill_value=0)
    if column_order is not None:
        grid = grid.reindex(columns=column_order, fill_value=0)
    with matplotlib.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(min(MAX_FIGURE_INCHES, max(6, 0.9 * grid.shape[1] + 3)),
                                        min(MAX_FIGURE_INCHES, max(2.5, 0.4 * grid.shape[0] + 1.5))))
        if grid.size == 0:
            ax.set_xticks([])
            ax.set_yticks([])
            _say_nothing_to_show(ax)
            return _finish(fig, ax, title, xlabel, ylabel, source)
        image = ax.imshow(grid.to_numpy(), cmap=HEATMAP_COLOURS, aspect="auto",
                          vmin=0, vmax=max(1, grid.to_numpy().max()))
        if grid.shape[1] <= MAX_TICK_LABELS:
            ax.set_xticks(np.arange(grid.shape[1]), labels=grid.columns, rotation=35, ha="right")
        else:
            ax.set_xticks([])
        if grid.shape[0] <= MAX_TICK_LABELS:
            ax.set_yticks(np.arange(grid.shape[0]), labels=grid.index)
        else:
            ax.set_yticks([])
        if grid.size <= MAX_LABELLED_CELLS:
            threshold = grid.to_numpy().max() / 2
            for (i, j), count in np.ndenumerate(grid.to_numpy()):
                ax.text(j, i, f"{count:g}", ha="center", va="center", fontsize=8,
                        color="white" if count > threshold else "black")
        fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
        return _finish(fig, ax, title, xlabel, ylabel, source)


# --- Term figures ---------------------------------------------------------------------------


def document_titles(docs, width=48):
    """doc_id -> "doc_id (date)" over the article's title, cut to `width`, for panel titles."""
    titles = {}
    for doc_id, date, title in zip(docs["doc_id"], docs["date"], docs["title"]):
        day = "no date" if pd.isna(date) else f"{date:%Y-%m-%d}"
        title = title if len(title) <= width else title[:width - 1].rsplit(" ", 1)[0] + "…"
        titles[doc_id] = f"{doc_id} ({day})\n{title}"
    return titles


def small_multiples(table, facet, label, value, *, title, xlabel, source, facet_titles=None,
                    columns=3, sharex=True):
    """One panel of horizontal bars per value of `facet`, in order of first appearance.

    Each panel draws its rows in the order given, the first at the top; `facet_titles` maps a
    facet value to its panel title. `sharex` puts every panel on the same scale, so bar
    lengths compare across panels.
    """
    facets = list(dict.fromkeys(table[facet]))
    rows = max(1, -(-len(facets) // columns))
    columns = max(1, min(columns, len(facets)))
    longest = max([len(group) for _, group in table.groupby(facet)] or [1])
    height = rows * (0.24 * longest + 1.3) + 0.8
    with matplotlib.rc_context(STYLE):
        fig, axes = plt.subplots(rows, columns, squeeze=False, sharex=sharex,
                                 figsize=(4.2 * columns + 0.6, height))
        for ax, name in zip(axes.flat, facets):
            part = table[table[facet] == name]
            # Rows count down from the top, so panels with fewer rows leave space at the bottom.
            positions = longest - 1 - np.arange(len(part))
            ax.barh(positions, part[value], color=BAR_COLOUR)
            ax.set_yticks(positions, labels=part[label], fontsize=8)
            ax.set_ylim(-0.6, longest - 0.4)
            ax.set_title((facet_titles or {}).get(name, str(name)), fontsize=9, loc="left")
            _value_axis(ax.xaxis, 4)
            ax.tick_params(axis="x", labelbottom=True)
            ax.set_xlabel(xlabel, fontsize=9)
        for ax in list(axes.flat)[len(facets):]:
            ax.set_visible(False)
        if not facets:
            fig.text(0.5, 0.5, EMPTY_NOTE, ha="center", va="center", color=NOTE_COLOUR)
        fig.suptitle(title, x=0.01, y=1 - 0.1 / height, ha="left", va="top", fontsize=12,
                     fontweight="bold")
        fig.text(0.01, 0.005, source, fontsize=8, color=NOTE_COLOUR, ha="left", va="bottom")
        # The title and the source line take the same inches however tall the figure is.
        fig.tight_layout(rect=(0, 0.3 / height, 1, 1 - 0.3 / height))
        return fig


def concordance_view(table, columns=("doc_id", "sentence_id", "left", "keyword", "right"),
                     max_rows=None):
    """A keyword-in-context table for display: left context right-aligned against the keyword.

    Cells are HTML-escaped (the text is the articles', untrusted) and the table id is fixed, so
    the rendered report is byte-stable. With `max_rows`, only the first so many lines of each
    query are shown, and the caption says so (the concordance table holds them all).
    """
    shown = table if max_rows is None else table.groupby("query", sort=False).head(max_rows)
    styler = shown[list(columns)].style
    if len(shown) < len(table):
        styler = styler.set_caption(f"The first {max_rows} lines of each term: "
                                    f"{len(shown):,} of {len(table):,}")
    return (styler
            .set_uuid("concordance")
            .format(escape="html")
            .hide(axis="index")
            .set_properties(subset=["left"], **{"text-align": "right"})
            .set_properties(subset=["keyword"], **{"font-weight": "bold", "text-align": "center"})
            .set_properties(subset=["right"], **{"text-align": "left"}))


# --- Figures over time ----------------------------------------------------------------------


def _date_axis(axis, dates, start_year, end_year):
    """Limits and ticks of `timeline`'s time axis (see there)."""
    if len(dates) == 0 and (start_year is None or end_year is None):
        return
    if start_year is None and end_year is None and dates.max() - dates.min() < SHORT_SPAN:
        margin = max((dates.max() - dates.min()) / 20, pd.Timedelta(days=3))
        axis.axes.set_xlim(dates.min() - margin, dates.max() + margin)
        locator = matplotlib.dates.AutoDateLocator()
        axis.set_major_locator(locator)
        axis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
        return
    start_year = dates.min().year if start_year is None else start_year
    end_year = dates.max().year if end_year is None else end_year
    first = min([pd.Timestamp(start_year, 1, 1)] + list(dates))
    last = max([pd.Timestamp(end_year, 12, 31)] + list(dates))
    axis.axes.set_xlim(first - pd.Timedelta(days=60), last + pd.Timedelta(days=60))
    axis.set_major_locator(matplotlib.dates.YearLocator())
    axis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))


def timeline(table, date, row, value, *, row_order, start_year=None, end_year=None, title,
             xlabel, ylabel, source):
    """Dots on a time axis: one per (date, row) of a long table, its size and label the value.

    The axis spans whole years, start_year to end_year (None: the first and last year of the
    dates), widened to any date outside them. With neither year given and dates that span less
    than SHORT_SPAN, it spans just the dates, with month or day ticks: a month of articles on a
    ten-year axis would be one blot. Past MAX_LABELLED_CELLS dots or MAX_LABELLED_DATES dates,
    the labels would overlap: the size alone shows the value, and a legend beside the axes says
    what sizes mean.
    """
    positions = {name: n for n, name in enumerate(row_order)}
    dates = table[date]
    with matplotlib.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(9, max(2.5, 0.45 * len(row_order) + 1.5)))
        y = table[row].map(positions)
        largest = max(1, table[value].max())

        def size(values):
            return 40 + 60 * values / largest

        dots = dict(color=BAR_COLOUR, alpha=0.8)
        ax.scatter(dates, y, s=size(table[value]), zorder=3, **dots)
        if table.empty:
            _say_nothing_to_show(ax)
        if len(table) <= MAX_LABELLED_CELLS and dates.nunique() <= MAX_LABELLED_DATES:
            for when, position, count in zip(dates, y, table[value]):
                ax.annotate(f"{count:g}", (when, position), xytext=(6, 4),
                            textcoords="offset points", fontsize=8)
        elif len(table):
            low, high = table[value].min(), table[value].max()
            shown = [tick for tick in matplotlib.ticker.MaxNLocator(3, integer=True)
                     .tick_values(low, high) if low <= tick <= high] or [high]
            ax.legend([ax.scatter([], [], s=size(tick), **dots) for tick in shown],
                      [f"{tick:g}" for tick in shown], title=value.capitalize(),
                      loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        ax.set_yticks(np.arange(len(row_order)), labels=row_order)
        ax.set_ylim(len(row_order) - 0.5, -0.5)
        _date_axis(ax.xaxis, dates, start_year, end_year)
        ax.grid(axis="x", color="#dddddd", zorder=0)
        return _finish(fig, ax, title, xlabel, ylabel, source)


# --- The demand figures of notebooks 03 and 04 ----------------------------------------------


def demand_actors(table, categories, *, source, top=None):
    """Who demands what (actor_category_counts' table): its first `top` actors (all if None) in
    its order, most coded first, the title saying when that is not all of them."""
    actors = list(dict.fromkeys(table["actor"]))
    shown = actors[:top]
    return heatmap(table[table["actor"].isin(shown)], "actor", "category", "sentences",
                   title=subset_title("Who demands what", shown, len(actors),
                                      "with the most coded sentences"),
                   xlabel="Category", ylabel="Actor", source=source, row_order=shown,
                   column_order=categories)


def demand_timeline(table, period, categories, *, start_year=None, end_year=None, source):
    """The demand categories over the articles' dates (category_timeline's table with the same
    `period`): a dot per article and category, or per month, quarter or year of articles."""
    title = ("Demand categories over the articles' dates" if period == "article"
             else f"Demand categories by {period}, coded sentences of all its articles")
    return timeline(table, "date", "category", "sentences", row_order=categories,
                    start_year=start_year, end_year=end_year, title=title,
                    xlabel=period_name(period, "Article date").capitalize(), ylabel="Category",
                    source=source)
