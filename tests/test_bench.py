"""The benchmark's bookkeeping: which baseline the runs are compared with (no timing here)."""
from bench.bench import measure_runs, rows_for_size


def scripted(seconds):
    """A stand-in for measure_in_child: each call takes the next of `seconds`; calls recorded."""
    calls, remaining = [], list(seconds)

    def measure_run(run, corpus, timeout):
        calls.append(run)
        return {"seconds": remaining.pop(0), "stages": {}, "peak_mb": 1.0,
                "workers_peak_mb": 0.0, "load_average": 0.0}
    return measure_run, calls


def test_every_run_is_compared_with_the_median_of_the_baselines_around_the_runs(capsys):
    #                            base  pipe  base  proc  base
    measure_run, calls = scripted([4.0, 50.0, 6.0, 30.0, 3.0])
    results = measure_runs(["baseline", "pipeline", "processes-2"], "corpus", 60, measure_run)
    assert calls == ["baseline", "pipeline", "baseline", "processes-2", "baseline"]
    assert {run: result["seconds"] for run, result in results.items()} == {
        "baseline": 4.0, "baseline first": 4.0, "baseline after pipeline": 6.0,
        "baseline after processes-2": 3.0, "pipeline": 50.0, "processes-2": 30.0}
    assert {result["baseline_seconds"] for result in results.values()} == {4.0}
    assert "median 4.0 s of 3 (3.0 to 6.0 s)" in capsys.readouterr().out


def test_ratios_use_that_baseline_and_every_baseline_is_a_row():
    measure_run, _ = scripted([4.0, 40.0, 2.0])
    rows = rows_for_size(100, 8.0, measure_runs(["pipeline"], "corpus", 60, measure_run))
    ratios = {row["measurement"]: row["ratio_to_baseline"] for row in rows}
    assert ratios == {"baseline": 1.0, "baseline first": 0.75, "baseline after pipeline": 1.5,
                      "pipeline": 0.075}
