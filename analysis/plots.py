"""Figures: one function per figure, a tidy DataFrame in, a matplotlib Figure out.

Plot functions never compute; they draw what the analysis modules return. `save_figure` writes
every figure as PNG next to the CSV of the data behind it (same file stem), so a reader can
check any bar. Every figure carries a title, labelled axes and a source line.
"""
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

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
HEATMAP_COLOURS = "Blues"


def source_line(docs, corpus_label):
    """'Source: 5 articles in seeds/, 2015-04-17 to 2025-06-30' for the foot of a figure."""
    dates = docs["date"].dropna()
    span = f", {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else ""
    noun = "article" if len(docs) == 1 else "articles"
    return f"Source: {len(docs)} {noun} in {corpus_label}{span}"


def _finish(fig, ax, title, xlabel, ylabel, source):
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.text(0.01, 0.005, source, fontsize=8, color="#555555", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def save_figure(fig, table, figures_dir, stem):
    """Write `stem`.png and `stem`.csv (the data behind the figure) into `figures_dir`."""
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    # No software version or date in the file, so the same data gives the same bytes.
    fig.savefig(figures_dir / f"{stem}.png", metadata={"Software": None})
    table.to_csv(figures_dir / f"{stem}.csv", index=False, lineterminator="\n")
    return figures_dir / f"{stem}.png"


def bar_chart(table, label, value, *, title, xlabel, ylabel, source):
    """Horizontal bars, largest at the top, one per row of `table`."""
    with matplotlib.rc_context(STYLE):
        height = max(2.5, 0.28 * len(table) + 1.2)
        fig, ax = plt.subplots(figsize=(7.5, height))
        ax.barh(table[label][::-1], table[value][::-1], color=BAR_COLOUR)
        ax.xaxis.get_major_locator().set_params(integer=True)
        return _finish(fig, ax, title, xlabel, ylabel, source)


def heatmap(table, row, column, value, *, title, xlabel, ylabel, source, row_order=None,
            column_order=None):
    """A grid of counts: one cell per (row, column) pair of a long table, counts written in."""
    grid = table.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0)
    if row_order is not None:
        grid = grid.reindex(index=row_order, fill_value=0)
    if column_order is not None:
        grid = grid.reindex(columns=column_order, fill_value=0)
    with matplotlib.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(max(6, 0.9 * grid.shape[1] + 3),
                                        max(2.5, 0.4 * grid.shape[0] + 1.5)))
        image = ax.imshow(grid.to_numpy(), cmap=HEATMAP_COLOURS, aspect="auto",
                          vmin=0, vmax=max(1, grid.to_numpy().max()))
        ax.set_xticks(np.arange(grid.shape[1]), labels=grid.columns, rotation=35, ha="right")
        ax.set_yticks(np.arange(grid.shape[0]), labels=grid.index)
        threshold = grid.to_numpy().max() / 2
        for (i, j), count in np.ndenumerate(grid.to_numpy()):
            ax.text(j, i, f"{count:g}", ha="center", va="center", fontsize=8,
                    color="white" if count > threshold else "black")
        fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
        return _finish(fig, ax, title, xlabel, ylabel, source)


# --- Corpus figures -------------------------------------------------------------------------


# --- Term figures ---------------------------------------------------------------------------


# --- Actor figures --------------------------------------------------------------------------


# --- Demand figures -------------------------------------------------------------------------
