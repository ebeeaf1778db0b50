"""Who is spoken of: actor mentions found with the gazetteer (`analysis/data/actors.csv`)."""
import re

import pandas as pd

from .datafiles import data_path, read_table
from .errors import InputError

GAZETTEER_FILE = data_path("actors.csv")
GAZETTEER_COLUMNS = ["actor", "aliases", "type", "affiliation", "role"]
ACTOR_TYPES = {"person", "organisation", "state"}
MENTION_COLUMNS = ["doc_id", "sentence_id", "actor", "alias", "start", "end"]


def load_gazetteer(path=GAZETTEER_FILE):
    """One row per actor; `aliases` becomes a list. Problems name the file, line and field."""
    rows, seen = [], {}
    for line, row in read_table(path, required=GAZETTEER_COLUMNS):
        if row["actor"] in seen:
            raise InputError(f"actor '{row['actor']}' also on line {seen[row['actor']]}",
                             path=path, line=line, field="actor")
        if row["type"] not in ACTOR_TYPES:
            raise InputError(f"'{row['type']}' is not one of {', '.join(sorted(ACTOR_TYPES))}",
                             path=path, line=line, field="type")
        seen[row["actor"]] = line
        row["aliases"] = [alias.strip() for alias in row["aliases"].split("|") if alias.strip()]
        rows.append(row)
    return pd.DataFrame(rows, columns=GAZETTEER_COLUMNS)


def _alias_pattern(gazetteer):
    alias_to_actor = {alias: actor for actor, aliases in zip(gazetteer["actor"], gazetteer["aliases"])
                      for alias in aliases}
    # Longest first, so that a full name wins over the surname inside it.
    ordered = sorted(alias_to_actor, key=lambda alias: (-len(alias), alias))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")
    return pattern, alias_to_actor


def find_mentions(sentence_table, gazetteer=None):
    """One row per mention: doc_id, sentence_id, actor, alias, start, end (offsets in sentence)."""
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    pattern, alias_to_actor = _alias_pattern(gazetteer)
    rows = [(doc_id, sentence_id, alias_to_actor[match.group()], match.group(),
             match.start(), match.end())
            for doc_id, sentence_id, sentence in
            sentence_table[["doc_id", "sentence_id", "sentence"]].itertuples(index=False)
            for match in pattern.finditer(sentence)]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def mention_counts(mentions):
    """Mentions per document and actor: columns doc_id, actor, mentions."""
    counts = mentions.groupby(["doc_id", "actor"]).size().rename("mentions").reset_index()
    return counts.sort_values(["doc_id", "mentions", "actor"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)
