"""Progress bars for the steps that go through every document of a corpus.

    analysis.set_progress(True)     # then each long step shows a bar on stderr

On 100,000 articles a step takes minutes, and a notebook cell gives no sign of life meanwhile.
The bars are off unless asked for: the notebooks turn them on with their `show_progress`
parameter, which the batch runner sets to False, so that executed notebooks and their HTML
carry no timings and stay the same from run to run.
"""
import sys

from tqdm import tqdm

_shown = False


def set_progress(show):
    """Show a progress bar for each long step from now on (True), or none (False, the default)."""
    global _shown
    _shown = bool(show)


def progress_shown(show=None):
    """Whether to show a bar: `show`, or if None, what `set_progress` said."""
    return _shown if show is None else bool(show)


def with_progress(iterable, desc, total=None, unit=" documents", show=None):
    """`iterable`, counted on a progress bar on stderr if `show` (None: as `set_progress` says)."""
    if not progress_shown(show):
        return iterable
    return tqdm(iterable, desc=desc, total=total, unit=unit, file=sys.stderr, mininterval=1)
