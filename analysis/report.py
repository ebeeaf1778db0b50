"""Batch runner: execute every notebook with papermill and render it to HTML.

    python -m analysis.report [--corpus DIR] [--out DIR] [--only NAME ...]

Figures and their CSVs go to OUT/figures/, executed notebooks and HTML to OUT/reports/.
Everything is first written to a staging folder inside OUT and moved into place only when every
notebook has succeeded, so a failed or interrupted run leaves the last good outputs as they
were. A failing notebook's executed copy is kept in OUT/reports/failed/ for debugging.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

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


def check_inputs(corpus_dir):
    """Read every input once before any notebook starts, so a bad one is one clear line.

    Returns the corpus inventory.
    """
    from .actors import load_gazetteer
    from .corpus import load_corpus, scan_corpus
    from .demands import load_codebook

    inventory = scan_corpus(corpus_dir)
    load_corpus(corpus_dir, inventory=inventory)
    load_gazetteer()
    load_codebook()
    return inventory


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


def _export_html(executed, html_path):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_filename(str(executed))
    html_path.write_text(body, encoding="utf-8")


def _failure_line(name, error):
    """One line that names the notebook, the failing cell and the error."""
    import papermill

    if isinstance(error, papermill.PapermillExecutionError):
        detail = f"cell {error.cell_index}: {error.ename}: {error.evalue}"
    else:
        detail = f"{type(error).__name__}: {error}"
    return f"notebook {name} failed in {detail}".splitlines()[0]


def run_notebook(notebook, staging, corpus_dir):
    """Execute one notebook into staging/reports and render its HTML."""
    import papermill

    reports, figures = staging / "reports", staging / "figures"
    reports.mkdir(parents=True, exist_ok=True)
    figures.mkdir(parents=True, exist_ok=True)
    executed = reports / notebook.name
    papermill.execute_notebook(
        str(notebook), str(executed), cwd=str(NOTEBOOKS_DIR), progress_bar=False,
        parameters={"corpus_dir": str(corpus_dir), "figures_dir": str(figures)})
    _export_html(executed, executed.with_suffix(".html"))


def run(corpus_dir=DEFAULT_CORPUS, out_dir=ROOT, only=(), log=print):
    """Run the notebooks; returns the list of written files. Raises on the first failure."""
    from .corpus import corpus_files

    corpus_dir, out_dir = Path(corpus_dir).resolve(), Path(out_dir).resolve()
    notebooks = list_notebooks(only)
    inventory = check_inputs(corpus_dir)
    staging = _writable_staging(out_dir)
    try:
        (staging / "figures").mkdir()
        corpus_files(inventory).to_csv(staging / "figures" / "corpus_files.csv", index=False,
                                       lineterminator="\n")
        for number, notebook in enumerate(notebooks, start=1):
            started = time.monotonic()
            log(f"[{number}/{len(notebooks)}] {notebook.stem} ...")
            try:
                run_notebook(notebook, staging, corpus_dir)
            except Exception as error:
                failed = out_dir / "reports" / "failed"
                failed.mkdir(parents=True, exist_ok=True)
                executed = staging / "reports" / notebook.name
                if executed.exists():
                    os.replace(executed, failed / notebook.name)
                raise NotebookFailed(_failure_line(notebook.stem, error) +
                                     f" (executed copy: {failed / notebook.name})") from error
            log(f"[{number}/{len(notebooks)}] {notebook.stem} done in "
                f"{time.monotonic() - started:.1f} s")
        written = sorted(out_dir / p.relative_to(staging) for p in staging.rglob("*")
                         if p.is_file())
        _promote(staging, out_dir)
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
    args = parser.parse_args(argv)
    try:
        written = run(args.corpus, args.out, args.only)
    except (InputError, NotebookFailed) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the previous outputs are unchanged", file=sys.stderr)
        return 130
    print(f"wrote {len(written)} files under {Path(args.out).resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
