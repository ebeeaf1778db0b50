"""Counting rows per key, whether a table lists the rows or already counts them."""


def counted(table, keys, name):
    """Rows of `table` per `keys`, in a column `name`, sorted by `keys`.

    A table that already counts its rows (with a `name` column: the pipeline's quote_counts
    and evidence_counts, counted per document so that they stay small on a large archive) has
    its counts summed instead, which gives the same table.
    """
    grouped = table.groupby(keys)
    totals = grouped[name].sum() if name in table else grouped.size().rename(name)
    return totals.reset_index()
