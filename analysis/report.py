"""Batch runner: execute every notebook with papermill and render it to HTML.

    python -m analysis.report [--corpus DIR] [--out DIR] [--only NAME ...] [--jobs N]
                              [-p NAME VALUE ...]
    python -m analysis.report --verify OUT/reports/manifest.json

Figures and their CSVs go to OUT/figures/; executed notebooks, their HTML (NAME.html with code,
NAME.reader.html without), index.html and manifest.json (the SHA-256 of every input and output)
to OUT/reports/. Notebooks run in parallel, one process each. Everything is first written to a
staging folder inside OUT and moved into place only when every notebook has succeeded, so a
failed or interrupted run leaves the last good outputs as they were. A failing notebook's
executed copy is kept in OUT/reports/failed/ for debugging.
"""
import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from . import provenance
from .errors import InputError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
DEFAULT_CORPUS = ROOT / "seeds"


class NotebookFailed(Exception):
    """A notebook raised while executing; the message names it and the failing cell."""


def list_notebooks(only=()):
    """The notebooks to run, in name order; `only` picks some by name (stem or prefix)."""
    notebooks = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    if not only:
        return notebooks
    chosen = [nb for nb in notebooks if any(nb.stem == name or nb.stem.startswith(name)
                                             for name in only)]
    unknown = [name for name in only
               if not any(nb.stem == name or nb.stem.startswith(name) for nb in notebooks)]
    if unknown:
        names = ", ".join(nb.stem for nb in notebooks)
        raise InputError(f"no notebook named {', '.join(unknown)} (there are: {names})")
    return chosen


# Set by the runner itself, from --corpus and --out, and off in a batch run.
RUNNER_PARAMETERS = ("corpus_dir", "figures_dir", "show_progress")


def parse_value(text):
    """A -p value as a notebook parameter: None, True, False, a number, a JSON list
    (["nato", "troops"]) or string, else the text itself ("tcp://host:8786", "quarter")."""
    python = {"None": None, "True": True, "False": False}
    if text in python:
        return python[text]
    try:
        return json.loads(text)
    except ValueError:
        return text


def declared_parameters(notebook):
    """The names in a notebook's cell tagged `parameters`."""
    from papermill.inspection import inspect_notebook

    return set(inspect_notebook(str(notebook)))


def check_parameters(given, notebooks):
    """Refuse, in one line, a parameter the runner sets itself or that no notebook to run has."""
    for name in given:
        if name in RUNNER_PARAMETERS:
            raise InputError(f"parameter {name} is set by the runner (use --corpus and --out)")
        if not any(name in declared_parameters(notebook) for notebook in notebooks):
            raise InputError(f"no notebook run here has a parameter {name} "
                             f"({', '.join(notebook.stem for notebook in notebooks)})")


def file_parameters():
    """The notebooks' parameters that name a researcher's own word list, gazetteer, codebook or
    annotation (None in a notebook: the package's own), each with the reader that checks it."""
    from .actors import load_gazetteer
    from .demands import load_codebook
    from .terms import load_stopwords
    from .validation import load_annotation

    return {"stopwords_file": load_stopwords, "gazetteer_file": load_gazetteer,
            "codebook_file": load_codebook, "annotation_file": load_annotation}


def resolve_files(given):
    """`given` with each `file_parameters` value an absolute path: a relative one is taken from
    the current folder, as --corpus is, not from the folder the notebook runs in."""
    resolved = dict(given)
    for name in file_parameters():
        value = given.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or not value:
            raise InputError(f"parameter {name} must be the path of a file, not {value!r}")
        resolved[name] = str(Path(value).resolve())
    return resolved


def check_inputs(corpus_dir, files=None, progress=False):
    """Read every input once before any notebook starts, so a bad one is one clear line: the
    corpus, and the word lists, gazetteer, codebook and annotation (`files`: the
    `file_parameters` given; the package's own for the others).

    Returns the corpus inventory, without the texts (`analysis.corpus.check_corpus`: on a large
    corpus, the notebooks are what should take the time and the memory, not this check).
    """
    from .corpus import check_corpus

    for name, reader in file_parameters().items():
        reader((files or {}).get(name))
    return check_corpus(corpus_dir, progress=progress)


def _writable_staging(out_dir):
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    except OSError as err:
        raise InputError(f"output folder is not writable ({err.strerror or err})",
                         path=out_dir) from None


def _promote(staging, out_dir):
    """Move every staged file to its place under out_dir, replacing the old one."""
    for file in sorted(p for p in staging.rglob("*") if p.is_file()):
        target = out_dir / file.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(file, target)


def _failure_line(name, error):
    """One line that names the notebook, the failing cell (numbered as the executed notebook
    in reports/failed shows it: In [6]) and the error."""
    import papermill

    if isinstance(error, papermill.PapermillExecutionError):
        detail = f"In [{error.exec_count}]: {error.ename}: {error.evalue}"
    else:
        detail = f"{type(error).__name__}: {error}"
    return f"notebook {name} failed in {detail}".splitlines()[0]


def notebook_parameters(staging, corpus_dir):
    """What papermill injects. The kernel runs in the staging folder, so both paths are
    relative when they can be: the executed notebook and its HTML then read the same from run
    to run instead of naming a random staging folder."""
    inside = corpus_dir.is_relative_to(staging.parent)
    # No progress bars: they would put timings into the executed notebooks and their pages.
    return {"corpus_dir": os.path.relpath(corpus_dir, staging) if inside else str(corpus_dir),
            "figures_dir": "figures", "show_progress": False}


# A kernel's ports are picked free, released, and then bound by the kernel: another process
# can take one in between (jupyter_client#154, papermill#511, seen here with two test suites at
# once, and with two notebooks of one `make report` starting together), and the kernel dies or
# never answers before it runs anything. Such a start is tried again.
KERNEL_STARTS = 3
_KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info",
                          "Kernel didn't respond in")


def run_notebook(notebook, staging, corpus_dir, generated_from, given=None):
    """Execute one notebook into staging/reports and render its two HTML pages; `given` are
    the -p parameters, of which the notebook receives those it has."""
    from .html import export_notebook

    reports = staging / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (staging / "figures").mkdir(parents=True, exist_ok=True)
    executed = reports / notebook.name
    for start in range(1, KERNEL_STARTS + 1):
        try:
            execute_notebook(notebook, executed, staging, corpus_dir, given)
            break
        except RuntimeError as error:
            if not str(error).startswith(_KERNEL_START_FAILURES) or start == KERNEL_STARTS:
                raise
    export_notebook(executed, generated_from)


def execute_notebook(notebook, executed, staging, corpus_dir, given=None):
    """papermill's run of one notebook, with the corpus and the output folder as parameters,
    and those of `given` the notebook has."""
    import papermill

    own = declared_parameters(notebook)
    parameters = {**{name: value for name, value in (given or {}).items() if name in own},
                  **notebook_parameters(staging, corpus_dir)}
    # The kernel's own log (a warning about TCP at start-up; an error when the shutdown's
    # interrupt lands mid-message) would interleave with the progress display. Errors in the
    # notebook's code are not logged there: they come back as the cell's error.
    papermill.execute_notebook(
        str(notebook), str(executed), cwd=str(staging), progress_bar=False,
        parameters=parameters,
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"])


def _run_timed(notebook, staging, corpus_dir, generated_from, given):
    """(notebook, seconds, failure line or None): run in a worker, so only plain data returns."""
    started = time.monotonic()
    try:
        run_notebook(notebook, staging, corpus_dir, generated_from, given)
        failure = None
    except Exception as error:
        failure = _failure_line(notebook.stem, error)
    return notebook, time.monotonic() - started, failure


def _execute(notebooks, jobs, *args):
    """Run the notebooks `jobs` at a time; yields what _run_timed returns, as each one ends.

    Separate processes, not threads: papermill changes the working directory of the whole
    process. With one job everything stays in this process, which is easier to debug. Leaving
    the loop early cancels the notebooks not yet started.
    """
    if jobs == 1:
        for notebook in notebooks:
            yield _run_timed(notebook, *args)
        return
    # Imported once here, so that forked workers inherit them instead of each spending a
    # second and a half importing them again.
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401

    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        futures = [pool.submit(_run_timed, notebook, *args) for notebook in notebooks]
        for future in as_completed(futures):
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# On a large archive a notebook runs for minutes: this often, the run says it is still going.
HEARTBEAT_SECONDS = 60


def _notebooks(count):
    return f"{count} notebook{'' if count == 1 else 's'}"


@contextlib.contextmanager
def _heartbeat(log, total):
    """While the block runs, log every HEARTBEAT_SECONDS how long the run has taken and how
    many of the `total` notebooks are done; yields a list to append each finished one to."""
    done, stop, started = [], threading.Event(), time.monotonic()

    def beat():
        while not stop.wait(HEARTBEAT_SECONDS):
            minutes, seconds = divmod(int(time.monotonic() - started), 60)
            log(f"still running after {minutes} min {seconds} s "
                f"({len(done)} of {_notebooks(total)} done)")

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield done
    finally:
        stop.set()
        thread.join()


def _generated_from(inputs, corpus_dir, git):
    """What every page says it was generated from: the corpus's fingerprint and the commit."""
    corpus = [entry for entry in inputs if entry["role"] == "corpus"]
    return (f"{len(corpus)} files in {provenance.display_path(corpus_dir)}/ "
            f"(sha256 {provenance.corpus_fingerprint(corpus)[:16]}) with analysis "
            f"{provenance.describe_commit(git)}")


def _write_index_and_manifest(staging, corpus_dir, inventory, inputs, git, parameters):
    from . import html
    from .corpus import loaded_metadata

    reports = staging / "reports"
    env = provenance.environment()
    generated = provenance.generated_at()
    label = provenance.display_path(corpus_dir) + "/"
    docs = loaded_metadata(corpus_dir, inventory)
    html.write_index(
        reports / "index.html",
        [html.report_entry(executed) for executed in sorted(reports.glob("*.ipynb"))],
        {"label": label, "summary": html.corpus_summary(docs, inventory, label),
         "generated_from": _generated_from(inputs, corpus_dir, git)},
        generated, env["python"])
    outputs = [p for p in staging.rglob("*") if p.is_file()]
    provenance.write_manifest(reports / provenance.MANIFEST, {
        "generated": generated, "parameters": parameters, "git": git, **env,
        "inputs": inputs, "outputs": provenance.output_files(staging, outputs)})


def _forget_failures(out_dir, notebooks):
    """Remove the executed copies a failed run left of notebooks that have now succeeded."""
    failed = out_dir / "reports" / "failed"
    for notebook in notebooks:
        (failed / notebook.name).unlink(missing_ok=True)
    if failed.is_dir() and not any(failed.iterdir()):
        failed.rmdir()


def run(corpus_dir=DEFAULT_CORPUS, out_dir=ROOT, only=(), log=print, jobs=None, parameters=None):
    """Run the notebooks; returns the list of written files. Raises on the first failure.

    parameters: {name: value} for the notebooks that have such a parameter (-p NAME VALUE).
    """
    from .corpus import describe_inventory

    if jobs is not None and jobs < 1:
        raise InputError(f"--jobs must be at least 1 (notebooks run at the same time), got {jobs}")
    corpus_dir, out_dir = Path(corpus_dir).resolve(), Path(out_dir).resolve()
    notebooks = list_notebooks(only)
    given = dict(parameters or {})
    check_parameters(given, notebooks)
    given = resolve_files(given)
    files = {name: given[name] for name in file_parameters() if given.get(name) is not None}
    inventory = check_inputs(corpus_dir, files, progress=sys.stderr.isatty())
    for line in describe_inventory(corpus_dir, inventory):
        log(line)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(notebooks)))
    inputs = provenance.input_files(corpus_dir, inventory["path"], notebooks, files.values())
    git = provenance.git_commit()
    generated_from = _generated_from(inputs, corpus_dir, git)
    staging = _writable_staging(out_dir)
    try:
        (staging / "figures").mkdir()
        inventory.to_csv(staging / "figures" / "corpus_files.csv", index=False,
                         lineterminator="\n")
        log(f"running {_notebooks(len(notebooks))}, {jobs} at a time")
        started = time.monotonic()
        # Closed before the staging folder goes, so that no worker is still writing into it.
        with contextlib.closing(_execute(notebooks, jobs, staging, corpus_dir,
                                         generated_from, given)) as results, \
                _heartbeat(log, len(notebooks)) as finished:
            for notebook, seconds, failure in results:
                finished.append(notebook)
                if failure:
                    failed = out_dir / "reports" / "failed"
                    failed.mkdir(parents=True, exist_ok=True)
                    executed = staging / "reports" / notebook.name
                    if executed.exists():
                        os.replace(executed, failed / notebook.name)
                    raise NotebookFailed(f"{failure} (executed copy: {failed / notebook.name})")
                log(f"[{len(finished)}/{len(notebooks)} done] {notebook.stem} {seconds:.1f} s")
        _write_index_and_manifest(
            staging, corpus_dir, inventory, inputs, git,
            {"corpus": provenance.display_path(corpus_dir), "only": list(only), "jobs": jobs,
             "notebooks": [notebook.stem for notebook in notebooks],
             "notebook_parameters": notebook_parameters(staging, corpus_dir),
             "given_parameters": given})
        log(f"{'all ' if len(notebooks) > 1 else ''}{_notebooks(len(notebooks))} in "
            f"{time.monotonic() - started:.1f} s")
        written = sorted(out_dir / p.relative_to(staging) for p in staging.rglob("*")
                         if p.is_file())
        _promote(staging, out_dir)
        _forget_failures(out_dir, notebooks)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m analysis.report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS),
                        help="folder of articles (default: seeds/)")
    parser.add_argument("--out", default=str(ROOT),
                        help="where figures/ and reports/ go (default: the repository root)")
    parser.add_argument("--only", nargs="+", default=(), metavar="NAME",
                        help="run only these notebooks (name or number prefix, e.g. 01)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="notebooks run at the same time (default: the number of cores)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"),
                        help="set a parameter of the notebooks that have it, e.g. -p engine dask "
                             "-p top_n 40 -p kwic_terms '[\"nato\", \"troops\"]' (VALUE: None, "
                             "True, False, a number, a JSON list, else text)")
    parser.add_argument("--verify", metavar="MANIFEST",
                        help="check every input and output against a manifest.json, run nothing")
    args = parser.parse_args(argv)
    if args.verify:
        return verify(args.verify)
    try:
        written = run(args.corpus, args.out, args.only, jobs=args.jobs,
                      parameters={name: parse_value(value) for name, value in args.parameter})
    except (InputError, NotebookFailed) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        # The machine's answer, not a bug: a full disk, a folder made read-only mid-run.
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the previous outputs are unchanged", file=sys.stderr)
        return 130
    print(f"wrote {len(written)} files under {Path(args.out).resolve()}")
    return 0


def verify(manifest_path):
    """Print what differs from the manifest; 0 when every file matches."""
    try:
        problems = provenance.verify(manifest_path)
    except (OSError, ValueError, KeyError) as error:
        print(f"error: {manifest_path}: not a readable manifest ({error})", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} files differ from {manifest_path}", file=sys.stderr)
        return 1
    print(f"every input and output matches {manifest_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
