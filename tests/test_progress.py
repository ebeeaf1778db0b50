"""Progress bars: each long step shows one when asked for, and nothing is written otherwise."""
import pytest

from analysis import code_sentences, find_mentions, load_corpus, sentences, set_progress
from conftest import SEEDS


@pytest.fixture
def bars():
    set_progress(True)
    yield
    set_progress(False)


def test_long_steps_count_every_document_on_a_bar_when_asked(bars, capsys):
    table = sentences(load_corpus(SEEDS))
    find_mentions(table)
    code_sentences(table)
    printed = capsys.readouterr().err
    for step in ("reading", "cleaning", "splitting sentences", "finding mentions",
                 "coding demands"):
        assert f"{step}: " in printed, step
    assert printed.count("5/5 [") >= 4       # every seed document counted


def test_nothing_is_written_unless_asked(seed_sentences, capsys):
    find_mentions(seed_sentences)
    code_sentences(seed_sentences)
    assert capsys.readouterr().err == ""


def test_a_step_told_no_stays_quiet(bars, seed_sentences, capsys):
    code_sentences(seed_sentences, progress=False)     # as the pipeline calls it
    assert capsys.readouterr().err == ""
