"""The benchmark's bookkeeping: which baseline each run is compared with (no timing here)."""
from bench.bench import measure_runs, rows_for_size


def scripted(seconds):
    """A stand-in for measure_in_child: each call takes the next of `seconds`; calls recorded."""
    calls, remaining = [], list(seconds)

    def measure_run(run, corpus, timeout):
        calls.append(run)
        return {"seconds": remaining.pop(0), "stages": {}, "peak_mb": 1.0,
                "workers_peak_mb": 0.0, "load_average": 0.0}
    return measure_run, calls


def test_each_run_is_compared_with_the_faster_baseline_around_it(capsys):
    #                            base  pipe  base  proc  base
    measure_run, calls = scripted([4.0, 50.0, 5.0, 30.0, 3.0])
    results = measure_runs(["baseline", "pipeline", "processes-2"], "corpus", 60, measure_run)
    assert calls == ["baseline", "pipeline", "baseline", "processes-2", "baseline"]
    assert results["baseline"]["baseline_seconds"] == 4.0
    assert results["pipeline"]["baseline_seconds"] == 4.0      # before (4.0) beat after (5.0)
    assert results["processes-2"]["baseline_seconds"] == 3.0   # after (3.0) beat before (5.0)
    assert "5.0 s before, 3.0 s after" in capsys.readouterr().out


def test_ratios_use_that_baseline():
    measure_run, _ = scripted([4.0, 40.0, 2.0])
    rows = rows_for_size(100, 8.0, measure_runs(["pipeline"], "corpus", 60, measure_run))
    ratios = {row["measurement"]: row["ratio_to_baseline"] for row in rows}
    assert ratios == {"baseline": 1.0, "pipeline": 0.05}
