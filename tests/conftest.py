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


# One wire story run by two outlets with intros of their own, then outlet B's article saved
# again with another footer: B shares 55% of its words with A (so it is kept), and C is B's
# copy, though C's words in common are split between A (the wire story, which A had first) and
# B (the intro), neither with 90%. The teaser is an excerpt of B: all of its words are in B,
# but not the reverse.
WIRE = ["Russian and Ukrainian delegations met in Istanbul on Monday for a fourth round of "
        "talks on a ceasefire.",
        "The Kremlin said any agreement would have to recognise the annexation of four regions "
        "of Ukraine.",
        "Ukrainian officials rejected the demand and said their delegation had come to discuss "
        "an exchange of prisoners.",
        "Turkish diplomats who hosted the meeting said both sides had agreed to meet again "
        "within a month.",
        "European governments said they would keep up sanctions on Moscow until a ceasefire was "
        "in place.",
        "Neither delegation took questions from reporters after the talks, which lasted less "
        "than two hours."]
INTRO_A = ["The latest round of negotiations to end the war ended without a breakthrough, "
           "according to people briefed on the talks.",
           "Hopes of a quick deal had faded in recent weeks as fighting intensified along the "
           "eastern front.",
           "Both sides accused each other of stalling while civilians continued to flee the "
           "shelling near Kharkiv.",
           "Here is what we know about the meeting on Monday and what comes next for the peace "
           "process."]
INTRO_B = ["Negotiators from Kyiv and Moscow sat down at the same table again this week, the "
           "first meeting since the spring.",
           "The talks come as Western allies debate how much more military aid to send to "
           "Ukraine before winter.",
           "Analysts in Brussels warned that expectations should be kept low given how far "
           "apart the two sides remain.",
           "Our correspondent in Istanbul followed the day as delegations arrived at the "
           "Dolmabahce Palace."]


def wire_story_files():
    """{name: text} of the wire story's files, in path order: a.txt (outlet A), b.txt (outlet B),
    c.txt (B's article with another footer: a duplicate of b.txt) and teaser.txt (an excerpt of
    B's, not a duplicate)."""
    def article(headline, intro, footer):
        return (f"{headline}\n\n{' '.join(intro)}\n\n{' '.join(WIRE[:3])}\n\n"
                f"{' '.join(WIRE[3:])}\n\n{footer}\n")

    return {"a.txt": article("Istanbul Talks End Without Breakthrough", INTRO_A,
                             "Copyright Outlet A."),
            "b.txt": article("Kyiv and Moscow Meet Again", INTRO_B,
                             "Sign up for our morning newsletter."),
            "c.txt": article("Kyiv and Moscow Meet Again", INTRO_B,
                             "Follow our live coverage online."),
            "teaser.txt": f"Kyiv and Moscow Meet Again\n\n{INTRO_B[0]} {WIRE[0]}\n"}


# metadata.csv dates in several forms, one with a time zone, one missing: how outlets and
# exports write them.
MIXED_DATES = {"a": "2024-03-01", "b": "2 March 2024", "c": "2024-03-03T23:30:00+05:00", "d": ""}


def write_dated_corpus(folder):
    """A one-sentence article per MIXED_DATES entry, with those dates in metadata.csv."""
    rows = [f"{doc_id},,,{date}," for doc_id, date in MIXED_DATES.items()]
    (folder / "metadata.csv").write_text("doc_id,title,outlet,date,date_note\n"
                                         + "\n".join(rows) + "\n")
    for doc_id in MIXED_DATES:
        (folder / f"{doc_id}.txt").write_text(f"Talks resumed in city {doc_id}.\n")
