"""The whole analysis as a streaming map/reduce over documents, for archives of any size.

    result = run_pipeline("path/to/articles")                           # one process
    result = run_pipeline("path/to/articles", engine="processes", workers=4)
    result = run_pipeline("path/to/articles", engine="dask", scheduler="tcp://host:8786")

The files are cut into chunks of `chunk_size` documents. Each chunk is read, cleaned, split into
sentences, counted and coded by `analyse_chunk` (the map), which returns a small `Partial`:
term counts, mention counts, evidence rows and duplicate signatures, never the texts or token
lists. Partials are combined by `merge` (the reduce), which is associative and commutative, so
the engines differ only in where chunks run: `local` (this process), `processes` (a process
pool on this machine) or `dask` (a `dask.bag` on a `distributed` cluster). `PipelineResult`
sorts every table, so the result does not depend on the engine, the number of workers or the
order of the files.

With `rows_dir`, each chunk writes the tables that grow with the text (quotations, coded
sentences, removed lines, top terms per document) to files there instead of returning them,
and the result reads them back a chunk at a time (`SpooledRows`); the Partial then holds
counts per document only, which is what a Dask client receives.

Duplicates are those `analysis.corpus` flags: the map also returns each document's duplicate
signature (`analysis.files.signature`: a hash per sentence, about 12 bytes a sentence), and
after the reduce `drop_duplicates` checks the signatures in path order, marks the duplicates
in the files table and takes out what they added (their rows, and their term counts, which it
counts again). Titles are metadata.csv's, else derived from the first line, as in
`load_corpus`.

The sentence splitter is fitted once, before the map, on the sample `analysis.sentences` fits
on (`analysis.text.training_sample`: the first million characters of cleaned text of the
documents `analysis.corpus` keeps, taken in path order), and shipped to the workers with the
gazetteer, codebook and stopwords.
"""
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial, reduce
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from .actors import (MENTION_COLUMNS, Matcher, compile_gazetteer, document_mentions,
                     load_gazetteer, mention_counts)
from .clean import clean_text
from .corpus import (INVENTORY_COLUMNS, METADATA_FILE, derive_title, inventory_row,
                     metadata_dates, read_metadata)
from .demands import (EVIDENCE_COLUMNS, Coder, category_counts, code_sentences, load_codebook,
                      make_coder)
from .errors import InputError
from .files import (DEFAULT_MAX_BYTES, DuplicateFinder, Signatures, doc_ids, find_duplicates,
                    list_files, signature)
from .progress import progress_shown
from .quotes import QUOTE_COLUMNS, document_quotes
from .terms import count_terms, load_stopwords, ranked_terms
from .text import SENTENCE_COLUMNS, TRAINING_CHARS, SentenceSplitter, training_sample

ENGINES = ("local", "processes", "dask")
STAGES = ("load and clean", "sentence split", "terms", "actor mentions and quotes",
          "demand coding")
DOCUMENT_COLUMNS = ["doc_id", "path", "chars", "words", "sentences", "removed"]
# The map's document rows end with the title derived from the text, used where metadata.csv
# gives none.
_DOCUMENT_ROW = DOCUMENT_COLUMNS + ["derived_title"]


@dataclass(frozen=True)
class Tools:
    """What every chunk needs, built once and sent to the workers (about 100 KB pickled)."""
    splitter: SentenceSplitter
    stopwords: frozenset
    gazetteer: pd.DataFrame
    matcher: Matcher
    codebook: pd.DataFrame
    coder: Coder
    top_terms: int
    max_bytes: int


@dataclass
class Partial:
    """The results of some documents, in a form that merges cheaply."""
    files: list = field(default_factory=list)        # inventory rows
    documents: list = field(default_factory=list)    # DOCUMENT_COLUMNS rows
    removed: list = field(default_factory=list)      # (doc_id, line, rule, text)
    terms: Counter = field(default_factory=Counter)  # corpus-wide term counts
    doc_terms: list = field(default_factory=list)    # (doc_id, term, count), top terms per doc
    mentions: list = field(default_factory=list)     # COUNTED tables, one a chunk
    quotes: list = field(default_factory=list)       # QUOTE_COLUMNS rows
    evidence: list = field(default_factory=list)     # EVIDENCE_COLUMNS rows
    quote_counts: list = field(default_factory=list)     # COUNTED tables, one a chunk
    evidence_counts: list = field(default_factory=list)  # COUNTED tables, one a chunk
    signatures: Signatures = field(default_factory=Signatures)  # of every loaded document
    spooled: list = field(default_factory=list)      # (first doc_id, file stem) of each chunk
                                                     # whose long lists went to files

    def spool(self, folder):
        """Write the long lists of rows (SPOOLED) to files in `folder`, one per list, and empty
        them; the files' stem, named for the first document, is kept in `spooled`."""
        if not self.documents:
            return
        first = self.documents[0][0]
        stem = str(Path(folder) / hashlib.sha1(first.encode()).hexdigest()[:16])
        for name in SPOOLED:
            Path(f"{stem}-{name}.pkl").write_bytes(pickle.dumps(getattr(self, name), protocol=5))
            setattr(self, name, [])
        self.spooled.append((first, stem))


# The Partial's lists of rows that start with a doc_id, one or more rows per document.
_ROWS_BY_DOC = ("documents", "removed", "doc_terms", "quotes", "evidence")
# Its counts per document, about 35 rows a document: what this process (or a Dask client)
# holds for every document. Each chunk's are one DataFrame whose text columns are categories,
# about 12 bytes a row where a tuple of the row takes 80. Each with its columns.
COUNTED = {"mentions": ["doc_id", "actor", "mentions"],
           "quote_counts": ["doc_id", "speaker", "unlisted_speaker", "quotes"],
           "evidence_counts": ["doc_id", "actor", "category", "sentences"]}
# Those that grow with the text (a row per removed line, quotation, coded sentence, or ten
# per document) rather than with the number of documents: with `rows_dir` they go to files.
# Each with its name in PipelineResult and its columns.
SPOOLED = {"removed": ("removed_lines", ["doc_id", "line", "rule", "text"]),
           "doc_terms": ("document_terms", ["doc_id", "term", "count"]),
           "quotes": ("quotes", QUOTE_COLUMNS),
           "evidence": ("evidence", EVIDENCE_COLUMNS)}


def merge(left, right):
    """One Partial holding both; the order of the arguments does not change the final result."""
    left.terms.update(right.terms)
    for name in ("files", "spooled", *_ROWS_BY_DOC, *COUNTED):
        getattr(left, name).extend(getattr(right, name))
    left.signatures.extend(right.signatures)
    return left


def merge_all(partials):
    return reduce(merge, partials, Partial())


def corpus_listing(root):
    """(relative path, doc_id, reason not to read it or None) of every file under `root`."""
    listing = list_files(root)
    ids = doc_ids([relative for relative, _ in listing])
    return [(relative, ids[relative], reason) for relative, reason in listing]


def read_entry(root, entry, max_bytes):
    """(inventory row, raw text or None) of one listed file, as analysis.corpus reads it.

    Duplicates are not flagged: that needs the earlier files (see `drop_duplicates`).
    """
    relative, doc_id, reason = entry
    row = inventory_row(root, relative, doc_id, reason, max_bytes)
    return row, row.pop("raw_text")


def _timed(timer, stage, function, *args):
    if timer is None:
        return function(*args)
    started = time.perf_counter()
    result = function(*args)
    timer[stage] = timer.get(stage, 0.0) + time.perf_counter() - started
    return result


def _load(root, entry, max_bytes):
    """(inventory row, duplicate signature, cleaned text) of one file; the last two None unless
    it was loaded."""
    row, raw = read_entry(root, entry, max_bytes)
    if raw is None:
        return row, None, None
    return row, signature(raw), clean_text(raw)


def _split(splitter, doc_id, text):
    return [(doc_id, number, paragraph, start, end, text[start:end])
            for number, (paragraph, start, end) in enumerate(splitter.spans(text))]


def _counts_by(rows, columns, keys):
    """(key values..., rows) for each distinct value of the `keys` columns, sorted."""
    at = [columns.index(key) for key in keys]
    counts = Counter(tuple(row[i] for i in at) for row in rows)
    return [(*key, count) for key, count in sorted(counts.items())]


def _compact(rows, name):
    """A chunk's rows of the COUNTED table `name`, as a DataFrame of categories and counts
    (integers even when there are none, so that no chunk turns the whole column to objects)."""
    columns = COUNTED[name]
    return pd.DataFrame(rows, columns=columns).astype(
        {**dict.fromkeys(columns[:-1], "category"), columns[-1]: "int64"})


def _mentions_and_quotes(doc_id, rows, matcher):
    mentions = document_mentions([(row[1], row[5]) for row in rows], matcher)
    quotes = document_quotes([row[1:] for row in rows], mentions, matcher.types,
                             matcher.pronouns)
    return [(doc_id, *mention) for mention in mentions], [(doc_id, *quote) for quote in quotes]


def analyse_chunk(entries, root, tools, timer=None, stages=STAGES, rows_dir=None):
    """The map: the analyses of some listed files, as a Partial. `timer` sums seconds/stage.

    `stages` (a subset of STAGES, each with the stages it needs: see `needed_stages`) says
    which to run; the Partial's fields of the others stay empty. With `rows_dir`, the long
    lists of rows go to files there (`Partial.spool`).
    """
    split, terms, actors, demands = (stage in stages for stage in STAGES[1:])
    result = Partial()
    sentence_rows, mention_rows = [], []
    for entry in entries:
        row, duplicates, cleaned = _timed(timer, STAGES[0], _load, root, entry, tools.max_bytes)
        result.files.append(row)
        if cleaned is None:
            continue
        result.signatures.append(row["path"], duplicates)
        doc_id, text = row["doc_id"], cleaned.text
        rows = _timed(timer, STAGES[1], _split, tools.splitter, doc_id, text) if split else []
        sentence_rows.extend(rows)
        if terms:
            counts = _timed(timer, STAGES[2], count_terms, text, tools.stopwords)
            result.terms.update(counts)
            result.doc_terms.extend((doc_id, term, count)
                                    for term, count in ranked_terms(counts, tools.top_terms))
        if actors:
            mentions, quotes = _timed(timer, STAGES[3], _mentions_and_quotes, doc_id, rows,
                                      tools.matcher)
            mention_rows.extend(mentions)
            result.quotes.extend(quotes)
        result.documents.append((doc_id, row["path"], len(text), len(text.split()),
                                 len(rows) if split else None, len(cleaned.removed),
                                 derive_title(text)))
        result.removed.extend((doc_id, line, rule, removed) for line, removed, rule
                              in cleaned.removed)
    result.mentions = [_compact(mention_counts(pd.DataFrame(mention_rows,
                                                            columns=MENTION_COLUMNS)), "mentions")]
    if demands:
        table = pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS)
        # The run's own bar counts the files: no bar per chunk.
        evidence = _timed(timer, STAGES[4], partial(code_sentences, progress=False), table,
                          tools.codebook, tools.gazetteer, tools.coder)
        result.evidence = list(evidence.itertuples(index=False, name=None))
    for name, rows, columns in (("quote_counts", result.quotes, QUOTE_COLUMNS),
                                ("evidence_counts", result.evidence, EVIDENCE_COLUMNS)):
        setattr(result, name, [_compact(_counts_by(rows, columns, COUNTED[name][:-1]), name)])
    if rows_dir is not None:
        result.spool(rows_dir)
    return result


def needed_stages(stages):
    """The stages to run for `stages`, in pipeline order: each with the ones it needs (every
    stage needs the files loaded and cleaned; actor mentions, quotes and demand coding need
    sentences)."""
    unknown = [stage for stage in stages if stage not in STAGES]
    if unknown:
        raise ValueError(f"no stage {', '.join(map(repr, unknown))}; the stages are "
                         f"{', '.join(map(repr, STAGES))}")
    chosen = set(stages) | {STAGES[0]}
    if chosen & set(STAGES[3:]):
        chosen.add(STAGES[1])
    return tuple(stage for stage in STAGES if stage in chosen)


def fit_splitter(root, listing, fit_chars=TRAINING_CHARS, max_bytes=DEFAULT_MAX_BYTES):
    """A SentenceSplitter fitted on the `training_sample` of the documents `analysis.corpus`
    keeps (it finds duplicates in path order): on any corpus, the one `analysis.sentences`
    fits. Reads the files in path order only until the sample is full."""
    return SentenceSplitter().fit(training_sample(_cleaned_texts(root, listing, max_bytes),
                                                  fit_chars))


def _cleaned_texts(root, listing, max_bytes):
    """(doc_id, cleaned text) of each document that is not a duplicate, in path order."""
    duplicates = DuplicateFinder()
    for entry in sorted(listing, key=lambda entry: entry[0]):
        _, raw = read_entry(root, entry, max_bytes)
        if raw is not None and not duplicates.check(entry[0], raw):
            yield entry[1], clean_text(raw).text


def make_tools(root, listing, fit_chars=TRAINING_CHARS, top_terms=10, stopwords=None,
               gazetteer=None, codebook=None, max_bytes=DEFAULT_MAX_BYTES):
    """The Tools for a corpus: its fitted splitter, and the shipped lists unless others given."""
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    codebook = load_codebook() if codebook is None else codebook
    return Tools(splitter=fit_splitter(root, listing, fit_chars, max_bytes),
                 stopwords=frozenset(load_stopwords() if stopwords is None else stopwords),
                 gazetteer=gazetteer, matcher=compile_gazetteer(gazetteer),
                 codebook=codebook, coder=make_coder(codebook, gazetteer),
                 top_terms=top_terms, max_bytes=max_bytes)


def drop_duplicates(partial_result, root, tools, stages=STAGES):
    """Flag the duplicates among the documents of the reduce's Partial, as `analysis.corpus`
    does, and take out what they added. Changes the Partial; returns {doc_id: path} of them.

    `find_duplicates` checks the Partial's signatures in path order. A duplicate's files row
    becomes status "duplicate" with the reason naming the kept file (encoding and chars as
    read, as in `scan_corpus`), its rows go, and its term counts, which the Partial holds
    only as corpus-wide sums, are counted again (`analyse_chunk` on those files alone: each
    document's results depend on nothing else) and subtracted: exact, and what it costs
    grows with the number of duplicates, not with the corpus.
    """
    reasons = find_duplicates(partial_result.signatures)
    partial_result.signatures = Signatures()
    dropped = {}
    for row in partial_result.files:
        if row["path"] in reasons:
            row.update(status="duplicate", reason=reasons[row["path"]])
            dropped[row["doc_id"]] = row["path"]
    if not dropped:
        return dropped
    if STAGES[2] in stages:
        counted = analyse_chunk([(path, doc_id, None) for doc_id, path in sorted(dropped.items())],
                                root, tools, stages=needed_stages([STAGES[2]])).terms
        terms = partial_result.terms
        terms.subtract(counted)
        for term in counted:
            if terms[term] <= 0:
                del terms[term]
    for name in _ROWS_BY_DOC:
        setattr(partial_result, name,
                [row for row in getattr(partial_result, name) if row[0] not in dropped])
    for name in COUNTED:
        setattr(partial_result, name, [table[~table["doc_id"].isin(dropped.keys())]
                                       for table in getattr(partial_result, name)])
    return dropped


@dataclass(frozen=True)
class SpooledRows:
    """A table the pipeline wrote to files (`run_pipeline(rows_dir=...)`), one file a chunk of
    documents, read back a chunk at a time: in doc_id order, without the rows of duplicates.

    `frames()` gives the table in pieces, for writing or counting what does not fit in
    memory; `to_frame()` the whole table, equal to the one the pipeline would have kept.
    """
    paths: tuple         # the chunks' files, in doc_id order
    columns: tuple
    dropped: frozenset   # doc_ids of duplicates

    def _rows(self, path):
        rows = pickle.loads(Path(path).read_bytes())
        return [row for row in rows if row[0] not in self.dropped] if self.dropped else rows

    def frames(self):
        for path in self.paths:
            rows = self._rows(path)
            if rows:
                yield pd.DataFrame(rows, columns=self.columns)

    def to_frame(self):
        return pd.DataFrame([row for path in self.paths for row in self._rows(path)],
                            columns=self.columns)


@dataclass
class PipelineResult:
    """The pipeline's tables, each sorted so that equal inputs give equal tables.

    With `run_pipeline(rows_dir=...)`, removed_lines, document_terms, quotes and evidence are
    SpooledRows; the counts per document below stand in for them in the figures.
    """
    files: pd.DataFrame            # INVENTORY_COLUMNS, one row per file seen
    documents: pd.DataFrame        # DOCUMENT_COLUMNS + title, outlet, date, date_note and
                                   # title_source, as load_corpus gives them
    removed_lines: pd.DataFrame    # doc_id, line, rule, text
    term_frequency: pd.DataFrame   # term, count: as analysis.term_frequency
    document_terms: pd.DataFrame   # doc_id, term, count: as document_term_frequency(top_n=...)
    mention_counts: pd.DataFrame   # doc_id, actor, mentions: as analysis.mention_counts
    quotes: pd.DataFrame           # as analysis.find_quotes
    evidence: pd.DataFrame         # as analysis.code_sentences
    quote_counts: pd.DataFrame     # doc_id, speaker, unlisted_speaker, quotes: quotations per
                                   # document and speaker
    evidence_counts: pd.DataFrame  # doc_id, actor, category, sentences: coded sentences
    category_counts: pd.DataFrame  # doc_id, category, sentences, zeros included


def _by_doc(rows, columns):
    """A table of rows, sorted by document; empties `rows`, so its tuples are freed as it goes.

    Rows of one document come from one call, already in their order: a stable sort keeps it.
    """
    table = pd.DataFrame(rows, columns=columns)
    rows.clear()
    return table.sort_values("doc_id", kind="stable").reset_index(drop=True)


def _counted_by_doc(partial_result, name):
    """The COUNTED table `name` of every chunk as one, sorted by document, its text columns
    plain strings (as `_by_doc` gives them); empties the Partial's list of them."""
    tables, columns = getattr(partial_result, name), COUNTED[name]
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame([], columns=columns)
    tables.clear()
    return table.astype(dict.fromkeys(columns[:-1], object)) \
        .sort_values("doc_id", kind="stable").reset_index(drop=True)


def _row_tables(partial_result, dropped):
    """The long tables of the Partial by their PipelineResult name: sorted DataFrames, or
    SpooledRows where the chunks went to files (chunks hold consecutive doc_ids, so the files
    in order of their first doc_id hold the rows in doc_id order)."""
    stems = [stem for _, stem in sorted(partial_result.spooled)]
    if stems and not Path(f"{stems[0]}-evidence.pkl").exists():
        raise InputError("the workers wrote their rows where this machine cannot read them: "
                         "give rows_dir a folder that every worker and this machine share",
                         path=Path(stems[0]).parent)
    return {table: (SpooledRows(tuple(f"{stem}-{name}.pkl" for stem in stems), tuple(columns),
                                frozenset(dropped))
                    if stems else _by_doc(getattr(partial_result, name), columns))
            for name, (table, columns) in SPOOLED.items()}


def tables(partial_result, root, codebook, dropped=()):
    """The reduce's Partial as sorted tables. Consumes the Partial, to halve peak memory.
    `dropped`: the doc_ids of duplicates, left out of spooled tables as they are read."""
    terms = pd.DataFrame(partial_result.terms.items(), columns=["term", "count"]) \
        .sort_values(["count", "term"], ascending=[False, True], kind="stable") \
        .reset_index(drop=True)
    files = pd.DataFrame(partial_result.files, columns=INVENTORY_COLUMNS) \
        .sort_values("path", kind="stable").reset_index(drop=True)
    documents = _by_doc(partial_result.documents, _DOCUMENT_ROW)
    metadata = read_metadata(Path(root) / METADATA_FILE)
    documents = documents.merge(metadata, on="doc_id", how="left")
    documents[metadata.columns[1:]] = documents[metadata.columns[1:]].fillna("")
    documents["date"] = metadata_dates(documents["date"])
    # load_corpus's title: metadata.csv's, else the one derived from the text
    derived = documents.pop("derived_title")
    titled = documents["title"].ne("")
    documents["title_source"] = titled.map({True: "metadata", False: "derived"})
    documents["title"] = documents["title"].where(titled, derived)
    evidence_counts = _counted_by_doc(partial_result, "evidence_counts")
    return PipelineResult(
        files=files, documents=documents, term_frequency=terms,
        mention_counts=_counted_by_doc(partial_result, "mentions"),
        quote_counts=_counted_by_doc(partial_result, "quote_counts"),
        evidence_counts=evidence_counts,
        category_counts=category_counts(evidence_counts, documents, codebook["id"]),
        **_row_tables(partial_result, dropped))


def _chunks(files, size):
    return [files[start:start + size] for start in range(0, len(files), size)]


def _counted(results, chunks, show):
    """The results of the chunks as they come, their files counted on a progress bar (stderr)
    when `show`."""
    with tqdm(total=sum(map(len, chunks)), unit=" files", desc="analysing", file=sys.stderr,
              disable=not show, mininterval=1) as bar:
        for chunk, result in zip(chunks, results):
            bar.update(len(chunk))
            yield result


def _run_local(task, chunks, workers, scheduler, show):
    return merge_all(_counted(map(task, chunks), chunks, show))


# The task of this worker process, set once when the process starts.
_worker_task = None


def _start_worker(task):
    global _worker_task
    _worker_task = task


def _run_worker_task(chunk):
    return _worker_task(chunk)


def _run_processes(task, chunks, workers, scheduler, show):
    from concurrent.futures import ProcessPoolExecutor

    # The task (with its Tools) goes to each worker once, not with every chunk: the Tools'
    # memos of words and tokens then last the worker's whole run instead of one chunk.
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count(), initializer=_start_worker,
                             initargs=(task,)) as pool:
        return merge_all(_counted(pool.map(_run_worker_task, chunks), chunks, show))


def _run_dask(task, chunks, workers, scheduler, show):
    import dask.bag
    from distributed import Client, LocalCluster, progress

    bag = dask.bag.from_sequence(chunks, npartitions=len(chunks)).map(task)
    total = bag.reduction(merge_all, merge_all, split_every=8)

    def compute(client):
        if not show:
            return total.compute(scheduler=client)
        # The cluster knows how far its tasks are: distributed's own bar shows it (stdout).
        future = client.compute(total)
        progress(future, notebook=False, multi=False)
        return future.result()

    if scheduler is not None and not isinstance(scheduler, str):
        return compute(scheduler)
    if scheduler is not None:
        with Client(scheduler) as client:
            return compute(client)
    with LocalCluster(n_workers=workers or os.cpu_count(), threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        return compute(client)


_ENGINES = dict(zip(ENGINES, (_run_local, _run_processes, _run_dask)))


def rows_folder(parent=None):
    """A temporary folder to give run_pipeline as `rows_dir`, removed with all it holds by its
    `cleanup()`, or when the process ends if that never came: inside `parent` (created if
    missing), else in the system's temporary folder. Its path is `.name`."""
    if parent is not None:
        Path(parent).mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix="pipeline-rows-", dir=parent)


def run_pipeline(corpus_dir, engine="local", workers=None, scheduler=None, chunk_size=250,
                 listing=None, tools=None, timer=None, stages=STAGES, progress=None,
                 rows_dir=None, stopwords=None, gazetteer=None, codebook=None):
    """Run every analysis over the folder `corpus_dir`; returns a PipelineResult.

    engine: "local", "processes" (`workers` processes, default one per core) or "dask":
    `scheduler` is a distributed Client or a scheduler address ("tcp://host:8786"); without
    one, a LocalCluster of `workers` processes is started for the run. Dask workers must be
    able to import `analysis` and read `corpus_dir` at the same path.
    listing: the files to analyse, from `corpus_listing` (default: all), in any order.
    tools: a Tools from `make_tools` (default: fitted on this corpus with `stopwords`,
    `gazetteer` and `codebook`, as `load_stopwords`, `load_gazetteer` and `load_codebook` give
    them; None: the package's own).
    timer: a dict of stage -> seconds, added to as the stages run (local engine only).
    stages: the STAGES to run, with the ones they need (default: all); the tables of the
    others are empty, and the documents' sentence counts without "sentence split" too.
    progress: show a progress bar of the files analysed on stderr (with Dask, distributed's bar
    of its tasks on stdout), or not (False); None shows it after `analysis.set_progress(True)`
    or when stderr is a terminal (a run on 100,000 articles takes minutes).
    rows_dir: a folder where the tables that grow with the text (removed_lines,
    document_terms, quotes, evidence) are written chunk by chunk, in a new folder of their own,
    instead of being kept: the result then holds them as SpooledRows, and memory grows with
    the number of documents only. The folder must stay until they are read; with Dask workers
    on other machines, it must be one they can all write to and this process can read.
    """
    if engine not in _ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if timer is not None and engine != "local":
        raise ValueError("timer works with the local engine only")
    stages = needed_stages(stages)
    root = Path(corpus_dir).resolve()
    if not root.is_dir():
        raise InputError("corpus folder not found" if not root.exists()
                         else "corpus path is not a folder", path=root)
    # In doc_id order, each chunk holds consecutive documents: spooled chunks need no merge.
    listing = sorted(corpus_listing(root) if listing is None else listing,
                     key=lambda entry: entry[1])
    if tools is None:
        tools = make_tools(root, listing, stopwords=stopwords, gazetteer=gazetteer,
                           codebook=codebook)
    if rows_dir is not None:
        Path(rows_dir).mkdir(parents=True, exist_ok=True)
        rows_dir = tempfile.mkdtemp(prefix="pipeline-rows-", dir=Path(rows_dir).resolve())
    task = partial(analyse_chunk, root=root, tools=tools, timer=timer, stages=stages,
                   rows_dir=rows_dir)
    show = (progress_shown() or sys.stderr.isatty()) if progress is None else progress
    total = _ENGINES[engine](task, _chunks(listing, chunk_size), workers, scheduler, show)
    dropped = drop_duplicates(total, root, tools, stages)
    if not any(row["status"] == "loaded" for row in total.files):
        raise InputError("no usable documents in the corpus folder", path=root)
    return tables(total, root, tools.codebook, dropped)
