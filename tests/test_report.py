"""The batch runner on the seeds: every notebook runs and every promised output exists."""
import contextlib
import json
import shutil
import time

import nbformat
import pandas as pd
import pytest

from analysis.report import list_notebooks
from conftest import ROOT, SEEDS

pytest_plugins = ["seed_report"]

CONTRACT = {
    "term_frequency.csv": ["term", "count"],
    "actor_mentions.csv": ["doc_id", "actor", "mentions"],
    "demand_categories.csv": ["doc_id", "category", "sentences"],
    "demand_evidence.csv": ["doc_id", "category", "sentence", "actor", "target"],
    "corpus_files.csv": ["path", "doc_id", "status", "reason", "encoding", "chars"],
}


def test_every_notebook_executed_and_rendered(report_dir):
    for notebook in list_notebooks():
        executed = report_dir / "reports" / notebook.name
        nb = json.loads(executed.read_text(encoding="utf-8"))
        code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
        assert all(cell.get("execution_count") for cell in code), notebook.name
        # no progress bars (the runner turns them off) and no warnings in a shared report
        assert not [output for cell in code for output in cell.get("outputs", [])
                    if output.get("name") == "stderr"], notebook.name
        assert (report_dir / "reports" / f"{notebook.stem}.html").stat().st_size > 0


def test_every_figure_has_its_csv(report_dir):
    pngs = sorted((report_dir / "figures").glob("*.png"))
    assert len(pngs) >= len(list_notebooks())
    for png in pngs:
        assert png.stat().st_size > 0
        assert not pd.read_csv(png.with_suffix(".csv")).empty, png.name


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_table_contract(report_dir, name):
    table = pd.read_csv(report_dir / "figures" / name)
    assert list(table.columns[:len(CONTRACT[name])]) == CONTRACT[name]
    assert not table.empty


def test_the_archive_notebook_gives_the_other_notebooks_tables(report_dir):
    """Notebook 04 draws from run_pipeline what 01 to 03 compute in memory: on the seeds (under
    a million characters, so both fit the splitter on the same text) each table is the same."""
    figures = report_dir / "figures"
    archived = sorted(figures.glob("archive_*.csv"))
    compared = [path for path in archived if (figures / path.name[len("archive_"):]).exists()]
    assert len(compared) == len(archived) - 1        # all but the new category totals
    for path in compared:
        assert path.read_bytes() == (figures / path.name[len("archive_"):]).read_bytes(), path.name


def test_input_error_is_one_line_and_keeps_the_last_good_outputs(report_dir, run_report,
                                                                  tmp_path):
    before = {p: p.read_bytes() for p in (report_dir / "figures").glob("*")}
    result = run_report("--corpus", tmp_path / "missing", "--out", report_dir)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "corpus folder not found" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (report_dir / "figures").glob("*")} == before


def test_notebook_failing_midway_keeps_the_last_good_outputs(report_dir, monkeypatch):
    from analysis import report

    before = {p: p.read_bytes() for p in (report_dir / "figures").glob("*")}
    calls = []

    def second_one_fails(notebook, staging, corpus_dir, generated_from, given):
        calls.append(notebook.stem)
        (staging / "figures" / "term_frequency.csv").write_text("half-written")
        (staging / "reports").mkdir(exist_ok=True)
        (staging / "reports" / notebook.name).write_text("{}")
        if len(calls) == 2:
            raise RuntimeError("boom")

    monkeypatch.setattr(report, "run_notebook", second_one_fails)
    second = list_notebooks()[1].stem
    with pytest.raises(report.NotebookFailed, match=f"notebook {second} failed in RuntimeError: boom"):
        report.run(SEEDS, report_dir, jobs=1)
    assert {p: p.read_bytes() for p in (report_dir / "figures").glob("*")} == before
    assert (report_dir / "reports" / "failed" / f"{second}.ipynb").exists()
    assert not list(report_dir.glob(".staging-*"))


def test_a_notebook_that_succeeds_again_leaves_no_failed_copy(tmp_path, monkeypatch):
    from analysis import report

    def run_notebook(notebook, staging, corpus_dir, generated_from, given):
        (staging / "reports").mkdir(exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(), staging / "reports" / notebook.name)
        if fail:
            raise RuntimeError("boom")

    monkeypatch.setattr(report, "run_notebook", run_notebook)
    failed = tmp_path / "reports" / "failed"
    for fail, only in [(True, ["00"]), (True, ["01"]), (False, ["00"]), (False, ["01"])]:
        with contextlib.suppress(report.NotebookFailed):
            report.run(SEEDS, tmp_path, only=only, jobs=1)
        if (fail, only) == (False, ["00"]):
            assert [p.name for p in failed.iterdir()] == ["01_term_frequency.ipynb"]
    assert not failed.exists()


@pytest.mark.parametrize("only, count, last", [
    (["00", "01"], "2 notebooks", "all 2 notebooks in"),
    (["00"], "1 notebook", "1 notebook in"),
])
def test_a_long_run_says_it_is_still_running(monkeypatch, tmp_path, only, count, last):
    from analysis import report

    printed = []

    def beats():
        return [line for line in printed if line.startswith("still running after 0 min")]

    def slow(notebook, staging, *args):
        # Each notebook runs until the run has said twice more that it is still running, so the
        # test does not race the heartbeat on a busy machine (30 s at most).
        wanted, deadline = len(beats()) + 2, time.monotonic() + 30
        while len(beats()) < wanted and time.monotonic() < deadline:
            time.sleep(0.01)
        (staging / "reports").mkdir(exist_ok=True)
        shutil.copy(notebook, staging / "reports")

    monkeypatch.setattr(report, "run_notebook", slow)
    monkeypatch.setattr(report, "HEARTBEAT_SECONDS", 0.1)
    report.run(SEEDS, tmp_path, only=only, jobs=1, log=printed.append)
    assert f"running {count}, 1 at a time" in printed
    assert len(beats()) >= 2 * len(only) and f"(0 of {count} done)" in beats()[0]
    assert any(f"({len(only) - 1} of {count} done)" in beat for beat in beats()[1:])
    assert printed[-1].startswith(last)    # and none after the run ended


def test_unknown_notebook_name_is_one_line(run_report):
    result = run_report("--only", "99_nothing", "--out", ROOT / "reports" / "unused")
    assert result.returncode != 0 and "no notebook named 99_nothing" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text, value", [
    ("None", None), ("True", True), ("false", False), ("40", 40), ("2.5", 2.5),
    ('["nato", "troops"]', ["nato", "troops"]), ('"40"', "40"),
    ("tcp://host:8786", "tcp://host:8786"), ("quarter", "quarter"),
])
def test_a_parameter_value_is_read_as_python_json_or_text(text, value):
    from analysis.report import parse_value

    assert parse_value(text) == value and type(parse_value(text)) is type(value)


@pytest.mark.parametrize("args, message", [
    (["-p", "no_such_setting", "1"], "no notebook run here has a parameter no_such_setting"),
    (["--only", "00", "-p", "engine", "local"], "no notebook run here has a parameter engine"),
    (["-p", "corpus_dir", "x"], "parameter corpus_dir is set by the runner"),
    (["--jobs", "0"], "--jobs must be at least 1"),
    (["--jobs", "-2"], "--jobs must be at least 1"),
    (["-p", "codebook_file", "nowhere/codebook.yaml"], "nowhere/codebook.yaml: file not found"),
    (["-p", "gazetteer_file", "3"], "parameter gazetteer_file must be the path of a file, not 3"),
])
def test_a_bad_option_or_parameter_is_one_line_before_anything_runs(run_report, tmp_path, args,
                                                                    message):
    result = run_report("--out", tmp_path, *args)
    assert result.returncode != 0 and message in result.stderr
    assert result.stderr.strip().count("\n") == 0 and not list(tmp_path.iterdir())


def test_parameters_go_to_the_notebooks_that_have_them(run_report, tmp_path):
    result = run_report("--corpus", SEEDS, "--out", tmp_path, "--only", "00", "04",
                        "-p", "max_documents", "3", "-p", "engine", "local")
    assert result.returncode == 0, result.stderr

    def injected(stem):
        nb = nbformat.read(tmp_path / "reports" / f"{stem}.ipynb", as_version=4)
        cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
        return cell.source

    overview, archive = injected("00_corpus_overview"), injected("04_archive_at_scale")
    assert "max_documents = 3" in overview and "engine" not in overview
    assert 'engine = "local"' in archive and "max_documents" not in archive
    manifest = json.loads((tmp_path / "reports" / "manifest.json").read_text())
    assert manifest["parameters"]["given_parameters"] == {"max_documents": 3, "engine": "local"}


OWN_CODEBOOK = r"""
cues:
  demand: ['demand\w*', 'must']
  objection: ['against', 'reject\w*']
categories:
  - id: binding_deal
    label: Binding agreement
    definition: A demand for a legally binding agreement on the dam.
    patterns:
      demanded: ['binding (?:agreement|deal)']
"""
OWN_ARTICLES = {
    "dam_talks.txt": "Egypt demands binding deal on dam\n\nCairo demanded on Monday that a "
                     "binding agreement on the dam be signed before the rainy season.\n",
    "river_levels.txt": "River levels fall\n\nThe river fell by a metre this week, engineers "
                        "said.\n",
}


def test_a_corpus_on_another_topic_runs_with_its_own_codebook(run_report, tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for name, text in OWN_ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    codebook = tmp_path / "codebook.yaml"
    codebook.write_text(OWN_CODEBOOK, encoding="utf-8")
    result = run_report("--corpus", corpus, "--out", tmp_path / "out", "-p", "codebook_file",
                        codebook)
    assert result.returncode == 0, result.stderr
    figures = tmp_path / "out" / "figures"
    assert set(pd.read_csv(figures / "demand_evidence.csv")["category"]) == {"binding_deal"}
    assert set(pd.read_csv(figures / "archive_demand_totals.csv")["category"]) == {"binding_deal"}
    manifest = json.loads((tmp_path / "out" / "reports" / "manifest.json").read_text())
    assert str(codebook) in {entry["path"] for entry in manifest["inputs"]}


def test_a_data_file_given_twice_or_from_the_package_is_one_input(tmp_path):
    from analysis import provenance

    own = tmp_path / "codebook.yaml"
    own.write_text(OWN_CODEBOOK, encoding="utf-8")
    package_gazetteer = ROOT / "analysis" / "data" / "actors.csv"
    inputs = provenance.input_files(SEEDS, [], [], [package_gazetteer, own, own])
    paths = [entry["path"] for entry in inputs]
    assert len(paths) == len(set(paths))
    assert str(own) in paths


def test_file_parameters_are_taken_from_the_current_folder(tmp_path, monkeypatch):
    from analysis.report import resolve_files

    monkeypatch.chdir(tmp_path)
    given = {"codebook_file": "mine/codebook.yaml", "gazetteer_file": None, "top_n": 3}
    assert resolve_files(given) == {"codebook_file": str(tmp_path / "mine" / "codebook.yaml"),
                                    "gazetteer_file": None, "top_n": 3}


def test_committed_notebooks_have_a_parameters_cell_and_no_outputs():
    for notebook in list_notebooks():
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, notebook.name
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell["outputs"] and cell["execution_count"] is None, notebook.name


def test_notebook_failing_in_parallel_names_its_cell_and_keeps_the_last_good_outputs(
        report_dir, monkeypatch, tmp_path):
    from analysis import report

    books = tmp_path / "notebooks"
    books.mkdir()
    first, second = list_notebooks()[:2]
    shutil.copy(first, books)
    nb = nbformat.read(second, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell('raise RuntimeError("boom")'))
    nbformat.write(nb, books / second.name)
    monkeypatch.setattr(report, "NOTEBOOKS_DIR", books)
    before = {p: p.read_bytes() for p in (report_dir / "figures").glob("*")}
    with pytest.raises(report.NotebookFailed) as raised:
        report.run(SEEDS, report_dir, jobs=2, log=lambda line: None)
    assert {p: p.read_bytes() for p in (report_dir / "figures").glob("*")} == before
    failed = nbformat.read(report_dir / "reports" / "failed" / second.name, as_version=4)
    assert failed.cells[-1].outputs[0].ename == "RuntimeError"
    # the cell as the failed notebook numbers it
    assert str(raised.value).startswith(
        f"notebook {second.stem} failed in In [{failed.cells[-1].execution_count}]: "
        "RuntimeError: boom (executed copy: ")
    assert not list(report_dir.glob(".staging-*"))


@pytest.mark.parametrize("failures, error, calls", [
    (2, "Kernel died before replying to kernel_info", 3),     # a port taken: started again
    (5, "Kernel died before replying to kernel_info", 3),     # gives up after three starts
    (1, "Kernel didn't respond in 60 seconds", 2),            # it never answered: again
    (5, "Kernel died while waiting for execute reply", 1),    # a cell killed it: no retry
])
def test_a_kernel_that_dies_at_start_is_started_again(monkeypatch, tmp_path, failures, error,
                                                      calls):
    from analysis import html, report

    tried, exported = [], []

    def execute(notebook, executed, staging, corpus_dir, given):
        tried.append(notebook)
        if len(tried) <= failures:
            raise RuntimeError(error)

    monkeypatch.setattr(report, "execute_notebook", execute)
    monkeypatch.setattr(html, "export_notebook", lambda *args: exported.append(args))
    notebook = list_notebooks()[0]
    if failures < calls:
        report.run_notebook(notebook, tmp_path, SEEDS, "seeds")
        assert len(exported) == 1
    else:
        with pytest.raises(RuntimeError, match=error):
            report.run_notebook(notebook, tmp_path, SEEDS, "seeds")
        assert not exported
    assert len(tried) == calls
