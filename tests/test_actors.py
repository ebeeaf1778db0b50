"""Actor mentions: the gazetteer, counting rules, candidates and co-occurrence."""
import pandas as pd
import pytest

from analysis import InputError
from analysis.actors import (actor_totals, affiliation_counts, compile_gazetteer, cooccurrence,
                             document_mentions, find_candidates, find_mentions, load_gazetteer,
                             mention_counts)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def matcher(gazetteer):
    return compile_gazetteer(gazetteer)


def sentence_table(*sentences, doc_id="t"):
    return pd.DataFrame({"doc_id": doc_id, "sentence_id": range(len(sentences)),
                         "sentence": list(sentences)})


def named(matcher, *sentences):
    """(actor, alias, form) of every mention in the sentences of one invented document."""
    mentions = find_mentions(sentence_table(*sentences), matcher)
    return list(zip(mentions["actor"], mentions["alias"], mentions["form"]))


# Counted by reading the cleaned seed texts (the caption of 000 naming Zelenskyy and Starmer is
# removed by cleaning). 004: "Russia’s foreign minister" (sentence 1) is Lavrov by title, then
# Sergey Lavrov, Lavrov said x2, Lavrov responded, insisted, replied = 7. 003: Trump in "Donald
# Trump understood", "Trump’s intervention", "Consult with Trump" (in a quote), the crosshead
# "Trump’s Efforts", "Donald Trump has confirmed", "Trump told", "Trump said" = 7.
@pytest.mark.parametrize("prefix, actor, expected", [
    ("000", "Vladimir Putin", 3),
    ("000", "Rodion Miroshnik", 2),
    ("000", "Alexander Grushko", 2),
    ("000", "Volodymyr Zelensky", 0),
    ("001", "Dmitry Peskov", 1),
    ("002", "Donald Trump", 4),
    ("002", "Sergei Lavrov", 3),
    ("003", "Donald Trump", 7),
    ("003", "Vladimir Putin", 7),
    ("003", "Keir Starmer", 3),
    ("003", "Dmitry Medvedev", 3),
    ("003", "Alexander Grushko", 3),
    ("004", "Sergei Lavrov", 7),
    ("004", "Vladimir Putin", 6),
    ("004", "Olaf Scholz", 3),
    ("004", "Dmitry Peskov", 2),
])
def test_seed_mentions_match_a_hand_count(seed_sentences, matcher, prefix, actor, expected):
    counts = mention_counts(find_mentions(seed_sentences, matcher))
    rows = counts[counts["doc_id"].str.startswith(prefix) & (counts["actor"] == actor)]
    assert int(rows["mentions"].sum()) == expected


def test_totals_are_the_same_from_mention_rows_and_from_their_counts(seed_sentences, matcher,
                                                                    gazetteer):
    mentions = find_mentions(seed_sentences, matcher)
    counts = mention_counts(mentions)
    totals = actor_totals(mentions, gazetteer)
    pd.testing.assert_frame_equal(actor_totals(counts, gazetteer), totals)
    pd.testing.assert_frame_equal(affiliation_counts(counts, gazetteer),
                                  affiliation_counts(mentions, gazetteer))
    # Against a count of the rows themselves.
    by_actor = mentions.groupby("actor")
    assert dict(zip(totals["actor"], totals["mentions"])) == by_actor.size().to_dict()
    assert dict(zip(totals["actor"], totals["documents"])) == by_actor["doc_id"].nunique().to_dict()
    by_affiliation = mentions.merge(gazetteer, on="actor").groupby(["doc_id", "affiliation"]).size()
    assert by_affiliation.to_dict() == affiliation_counts(mentions, gazetteer).set_index(
        ["doc_id", "affiliation"])["mentions"].to_dict()


def test_gazetteer_covers_every_person_the_seeds_name(seed_sentences, matcher):
    found = set(find_mentions(seed_sentences, matcher)["actor"])
    people = {"Vladimir Putin", "Sergei Lavrov", "Dmitry Peskov", "Rodion Miroshnik",
              "Konstantin Kosachev", "Oleg Karpovich", "Alexander Grushko", "Dmitry Medvedev",
              "Vladimir Kornilov", "Volodymyr Zelensky", "Donald Trump", "Joe Biden",
              "Antony Blinken", "Emmanuel Macron", "Keir Starmer", "Donald Tusk", "Olaf Scholz",
              "Kaja Kallas"}
    assert people <= found


def test_full_name_is_one_mention_and_possessives_count(matcher):
    assert named(matcher, "Vladimir Putin met Putin’s aides and Putin's guests.") == [
        ("Vladimir Putin", "Vladimir Putin", "name"), ("Vladimir Putin", "Putin", "name"),
        ("Vladimir Putin", "Putin", "name")]


def test_a_title_beside_the_name_is_one_mention(matcher):
    assert named(matcher, "Kremlin spokesman Dmitry Peskov spoke.") == [
        ("Dmitry Peskov", "Kremlin spokesman Dmitry Peskov", "name")]
    # The same alias twice is two mentions, however close.
    assert [a for a, _, _ in named(matcher, "In Ukraine, Ukraine’s army held.")] == \
        ["Ukraine", "Ukraine"]


@pytest.mark.parametrize("text, actors", [
    ("MOSCOW, March 3 (Reuters) - Peskov spoke.", ["Dmitry Peskov"]),
    ("KYIV, Ukraine (AFP) — Peskov spoke.", ["Ukraine", "Dmitry Peskov"]),
    ("LONDON (Reuters) - Peskov spoke.", ["Dmitry Peskov"]),
    ("MOSCOW, December 5. /TASS/. Peskov spoke.", ["Dmitry Peskov"])])
def test_a_news_agency_credited_in_a_dateline_is_not_a_mention(matcher, text, actors):
    assert [actor for actor, _, _ in named(matcher, text)] == actors


def test_a_news_agency_outside_a_dateline_is_a_mention(matcher):
    assert [actor for actor, _, _ in named(matcher, "Peskov told Reuters (on Monday) - no. "
                                           "Lavrov spoke to TASS. Then he left.")] == [
        "Dmitry Peskov", "Reuters", "Sergei Lavrov", "TASS"]


def test_hyphenated_words_are_not_mentions(matcher):
    assert named(matcher, "NATO-standard kit for non-NATO states and pro-Russian groups.") == []


def test_lower_case_alias_words_match_capitalised_too(matcher):
    assert [a for a, _, _ in named(matcher, "The Russian Foreign Ministry and the Russian "
                                            "foreign ministry.")] == \
        ["Russian Foreign Ministry", "Russian Foreign Ministry"]


def test_adjectives_count_as_their_state_but_plurals_and_compounds_do_not(matcher):
    assert named(matcher, "Russian troops met the Russians near Russian-speaking towns.") == [
        ("Russia", "Russian", "adjective")]


def test_everyday_word_alias_counts_only_once_the_actor_is_named(matcher):
    # "Austin" the city, with no Lloyd Austin named before: not a mention.
    assert named(matcher, "The drones were made in Austin, Texas.") == []
    assert [a for a, _, _ in named(matcher, "Lloyd Austin arrived.", "Austin said no.")] == \
        ["Lloyd Austin", "Lloyd Austin"]
    assert [a for a, _, _ in named(matcher, "Secretary Austin arrived.")] == ["Lloyd Austin"]


def test_a_shared_alias_goes_to_the_actor_named_last(matcher):
    actors = [a for a, _, _ in named(matcher, "Boris Johnson flew to Kyiv.", "Johnson spoke.",
                                     "Mike Johnson blocked the bill.", "Johnson refused.")]
    assert actors == ["Boris Johnson", "Boris Johnson", "Mike Johnson", "Mike Johnson"]


def test_a_mention_stays_inside_its_sentence(matcher):
    # The sentences are searched as one text: a name cut by a sentence end is not joined up,
    # and offsets are within each sentence.
    sentences = [(0, "They met Vladimir"), (1, "Putin’s aides, then Secretary"),
                 (2, "Austin spoke to Kremlin spokesman"), (3, "Dmitry Peskov.")]
    assert document_mentions(sentences, matcher) == [
        (1, "Vladimir Putin", "Putin", 0, 5, "name"),
        (2, "Dmitry Peskov", "Kremlin spokesman", 16, 33, "name"),
        (3, "Dmitry Peskov", "Dmitry Peskov", 0, 13, "name")]


def small_matcher(*aliases):
    return compile_gazetteer(pd.DataFrame(
        [{"actor": f"actor {n}", "aliases": [alias], "guarded": [], "adjectives": [],
          "type": "group", "affiliation": "", "role": ""} for n, alias in enumerate(aliases)]))


def test_an_everyday_lead_is_looked_at_only_before_a_next_word_of_its_aliases():
    text = "the West, the war, von  Der Leyen, then the"
    matcher = small_matcher("the West", "von der Leyen")
    assert [m.start() for m in matcher.lookup.starts.finditer(text)] == [0, 19]
    assert [(alias, start) for _, _, alias, start, _, _ in
            document_mentions([(0, text)], matcher)] == [("the West", 0),
                                                         ("von  Der Leyen", 19)]
    # Where an alias is the lead alone, or the lead is not its whole first word, any will do.
    for other in ("the", "the’s West"):
        assert [m.start() for m in small_matcher("the West", other).lookup.starts
                .finditer(text)] == [0, 10, 40]


def test_mentions_inside_a_document_only(matcher):
    # Naming Lloyd Austin in one article does not license "Austin" in the next.
    table = pd.concat([sentence_table("Lloyd Austin spoke.", doc_id="a"),
                       sentence_table("Austin is a city.", doc_id="b")])
    assert list(find_mentions(table, matcher)["doc_id"]) == ["a"]


def write_gazetteer(tmp_path, rows):
    path = tmp_path / "actors.csv"
    path.write_text("# test\nactor,aliases,type,affiliation,role\n" + rows, encoding="utf-8")
    return path


def test_an_unmarked_alias_of_two_actors_is_an_error_naming_the_line(tmp_path):
    path = write_gazetteer(tmp_path, "Boris Johnson,Boris Johnson|Johnson,person,UK,PM\n"
                                     "Mike Johnson,Mike Johnson|Johnson,person,US,Speaker\n")
    with pytest.raises(InputError, match=r"line 4, field 'aliases'.*~Johnson"):
        load_gazetteer(path)


def test_an_actor_with_only_marked_aliases_is_an_error(tmp_path):
    path = write_gazetteer(tmp_path, "Lloyd Austin,~Austin,person,US,Secretary\n")
    with pytest.raises(InputError, match="line 3"):
        load_gazetteer(path)


@pytest.mark.parametrize("row", ["Lloyd Austin,Lloyd Austin,person,US,Secretary,,it",
                                 "NATO,NATO,organisation,NATO,Alliance,,she"])
def test_a_pronoun_other_than_he_or_she_or_for_a_non_person_is_an_error(tmp_path, row):
    path = tmp_path / "actors.csv"
    path.write_text("actor,aliases,type,affiliation,role,adjectives,pronoun\n" + row + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="line 2.*pronoun"):
        load_gazetteer(path)


def test_the_gazetteer_gives_each_person_a_pronoun_and_no_one_else(gazetteer):
    persons = gazetteer["type"].eq("person")
    assert set(gazetteer.loc[persons, "pronoun"]) == {"he", "she"}
    assert set(gazetteer.loc[~persons, "pronoun"]) == {""}


def test_candidates_list_unknown_names_but_not_capitalised_common_words(gazetteer, matcher):
    table = sentence_table("Meanwhile, Olena Kovalenko met Vladimir Putin in Sochi.",
                           "Training continued, and the training was hard.",
                           "Russia Demands NATO Halt Training of Troops")
    mentions = find_mentions(table, matcher)
    candidates = find_candidates(table, mentions, gazetteer)
    assert sorted(candidates["candidate"]) == ["Olena Kovalenko", "Sochi"]


def test_cooccurrence_counts_each_sentence_once_per_pair():
    mentions = pd.DataFrame({"doc_id": ["a"] * 5, "sentence_id": [0, 0, 0, 1, 1],
                             "actor": ["Putin", "Putin", "Scholz", "Putin", "Biden"]})
    table = cooccurrence(mentions)
    pairs = dict(zip(zip(table["actor"], table["other"]), table["sentences"]))
    assert pairs == {("Putin", "Scholz"): 1, ("Scholz", "Putin"): 1,
                     ("Biden", "Putin"): 1, ("Putin", "Biden"): 1}
