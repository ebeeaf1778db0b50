from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_docs():
    from analysis import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_sentences(seed_docs):
    from analysis import sentences

    return sentences(seed_docs)


def doc(docs, prefix):
    """The row of the seed document whose id starts with `prefix` ("000" ... "004")."""
    rows = docs[docs["doc_id"].str.startswith(prefix)]
    assert len(rows) == 1, prefix
    return rows.iloc[0]
