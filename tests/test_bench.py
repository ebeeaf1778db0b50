"""The benchmark's bookkeeping: which baseline the runs are compared with, and a run that
fails or outlives its timeout (no timing here)."""
import pytest

from bench.bench import MeasurementFailed, main, measure_in_child, measure_runs, rows_for_size
from bench.synth import main as synth_main


def scripted(seconds):
    """A stand-in for measure_in_child: each call takes the next of `seconds`; calls recorded."""
    calls, remaining = [], list(seconds)

    def measure_run(run, corpus, timeout):
        calls.append(run)
        return {"seconds": remaining.pop(0), "stages": {}, "peak_mb": 1.0,
                "workers_peak_mb": 0.0, "load_average": 0.0}
    return measure_run, calls


def test_every_run_is_compared_with_the_median_of_the_baselines_around_the_runs(capsys):
    # The median (4.5) is neither the first baseline nor the faster one next to any run.
    #                            base  pipe  base  pr-1  base  pr-2  base
    measure_run, calls = scripted([6.0, 50.0, 4.0, 45.0, 3.0, 30.0, 5.0])
    results = measure_runs(["baseline", "pipeline", "processes-1", "processes-2"], "corpus", 60,
                           measure_run)
    assert calls == ["baseline", "pipeline", "baseline", "processes-1", "baseline",
                     "processes-2", "baseline"]
    assert {run: result["seconds"] for run, result in results.items()} == {
        "baseline": 4.5, "baseline first": 6.0, "baseline after pipeline": 4.0,
        "baseline after processes-1": 3.0, "baseline after processes-2": 5.0,
        "pipeline": 50.0, "processes-1": 45.0, "processes-2": 30.0}
    assert {result["baseline_seconds"] for result in results.values()} == {4.5}
    assert "median 4.5 s of 4 (3.0 to 6.0 s)" in capsys.readouterr().out


def test_ratios_use_that_baseline_and_every_baseline_is_a_row():
    measure_run, _ = scripted([4.0, 40.0, 2.0])
    rows = rows_for_size(100, 8.0, measure_runs(["pipeline"], "corpus", 60, measure_run))
    ratios = {row["measurement"]: row["ratio_to_baseline"] for row in rows}
    assert ratios == {"baseline": 1.0, "baseline first": 0.75, "baseline after pipeline": 1.5,
                      "pipeline": 0.075}


def test_a_measurement_that_outlives_the_timeout_stops_the_run_and_keeps_the_last_results(
        tmp_path, capsys):
    # The pipeline alone takes longer than 0.05 s to import pandas, let alone run.
    (tmp_path / "bench.csv").write_text("the last good results\n")
    assert main(["--sizes", "3", "--runs", "pipeline", "--timeout", "0.05",
                 "--out", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: on 3 documents, ") and error.count("\n") == 1
    assert "took longer than --timeout 0.05 s" in error and str(tmp_path) in error
    assert [path.name for path in tmp_path.iterdir()] == ["bench.csv"]
    assert (tmp_path / "bench.csv").read_text() == "the last good results\n"


def test_a_measurement_whose_child_fails_says_so(tmp_path, capsys):
    with pytest.raises(MeasurementFailed, match=r"processes-x failed \(exit status 1"):
        measure_in_child("processes-x", tmp_path, 60)
    assert "invalid literal for int()" in capsys.readouterr().err   # the child's own error


@pytest.mark.parametrize("command, args", [
    (main, ["--sizes", "0"]), (main, ["--sizes", "1000", "-5"]), (main, ["--timeout", "0"]),
    (synth_main, ["0", "unwritten"]),
])
def test_sizes_timeouts_and_numbers_of_documents_must_be_above_zero(command, args, capsys):
    with pytest.raises(SystemExit) as stopped:
        command(args)
    assert stopped.value.code == 2 and "must be above zero" in capsys.readouterr().err


def test_a_synthetic_corpus_goes_only_to_a_new_or_empty_folder(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "metadata.csv").write_text("doc_id,title\nmine,My own article\n")
    assert synth_main(["2", str(corpus)]) == 1
    assert capsys.readouterr().err == f"error: {corpus}: not a new or empty folder\n"
    assert [path.name for path in corpus.iterdir()] == ["metadata.csv"]
    assert (corpus / "metadata.csv").read_text() == "doc_id,title\nmine,My own article\n"

    assert synth_main(["2", str(tmp_path / "new")]) == 0
    assert sorted(path.name for path in (tmp_path / "new").rglob("*.txt")) == [
        "doc000000.txt", "doc000001.txt"]
    assert (tmp_path / "new" / "metadata.csv").read_text().count("\n") == 3   # header + 2
