"""Throughput and memory of the analysis pipeline, against a baseline measured in the same run.

    python -m bench.bench                      # 1,000, 10,000 and 100,000 documents (make bench)
    python -m bench.bench --sizes 1000         # a quick check
    python -m bench.bench --sizes 100000 --runs pipeline   # skip the worker and stage runs
    python -m bench.bench --sizes 10000 --runs report-2             # time the batch runner

For each size a synthetic corpus (bench/synth.py, fixed seed) is written to a temporary folder
and removed afterwards. Each measurement runs in a child process of its own, so that its peak
memory (ru_maxrss) is its own and imports are not timed:
  baseline     read every file, count lower-cased \\w+ tokens with re.findall and a Counter
  pipeline     analysis.pipeline on one core, with the seconds spent in each stage
  processes-1  the pipeline on a pool of one worker process
  processes-2  ... of two; speed-up = processes-1 seconds / processes-2 seconds
  stages       each stage alone, one child process a stage: the pipeline run with
               `stages=[stage]`, so only the stages it needs run too (load and clean; sentence
               split for actors, quotes and demands); the row gives that stage's seconds and the
               peak memory of its process
  report-1     the batch runner (python -m analysis.report: every notebook, rendered) with one
  report-2     ... with two jobs, writing to a temporary folder; workers_peak_mb is the largest
               notebook kernel's. Not run unless named: on 100,000 articles it takes half an hour
Every throughput is also given as a ratio to the baseline's, which holds on a shared, noisy
machine better than MB/s do: the baseline is measured first and again after each run, and every
run is compared with the median of those (see `measure_runs`). Writes bench.csv and bench.png to
--out (default bench/results/).
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = ("baseline", "pipeline", "processes-1", "processes-2", "stages")
REPORT_RUNS = ("report-1", "report-2")
STAGE_RUN = "stage:"
COLUMNS = ["documents", "megabytes", "measurement", "seconds", "mb_per_s", "docs_per_s",
           "ratio_to_baseline", "peak_mb", "workers_peak_mb", "load_average"]
TARGET_RATIO, TARGET_PEAK_MB, TARGET_SPEEDUP = 1 / 3, 2000, 1.7


def _peak_mb(who=resource.RUSAGE_SELF):
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _text_files(corpus):
    return [os.path.join(folder, name) for folder, _, names in os.walk(corpus)
            for name in names if name.endswith(".txt")]


def measure_baseline(corpus):
    started = time.perf_counter()
    counts = Counter()
    for path in _text_files(corpus):
        with open(path, encoding="utf-8") as handle:
            counts.update(re.findall(r"\w+", handle.read().lower()))
    return {"seconds": time.perf_counter() - started, "stages": {}}


def measure_pipeline(corpus, engine="local", workers=None, stages=None):
    from analysis.pipeline import STAGES, corpus_listing, make_tools, run_pipeline

    timer = {} if engine == "local" else None
    # As notebook 04 runs it: the long tables (coded sentences, quotes) go to files.
    rows_dir = tempfile.mkdtemp(prefix="bench-rows-")
    try:
        started = time.perf_counter()
        listing = corpus_listing(corpus)
        tools = make_tools(corpus, listing)
        fitted = time.perf_counter()
        run_pipeline(corpus, engine=engine, workers=workers, listing=listing, tools=tools,
                     timer=timer, stages=stages or STAGES, rows_dir=rows_dir)
        finished = time.perf_counter()
    finally:
        shutil.rmtree(rows_dir, ignore_errors=True)
    stages = {"fit sentence splitter (serial)": fitted - started, **(timer or {})}
    return {"seconds": finished - started, "stages": stages}


def measure_report(corpus, jobs):
    from analysis.report import run

    out = tempfile.mkdtemp(prefix="bench-report-")
    try:
        started = time.perf_counter()
        run(corpus, out, jobs=jobs, log=lambda message: None)
        return {"seconds": time.perf_counter() - started, "stages": {}}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def measure(run, corpus):
    """One measurement in this process: seconds, per-stage seconds and peak memory."""
    if run == "baseline":
        result = measure_baseline(corpus)
    elif run == "pipeline":
        result = measure_pipeline(corpus)
    elif run.startswith(STAGE_RUN):
        stage = run[len(STAGE_RUN):]
        result = measure_pipeline(corpus, stages=[stage])
        result = {"seconds": result["stages"][stage], "stages": {}}
    elif run in REPORT_RUNS:
        result = measure_report(corpus, int(run.rsplit("-", 1)[1]))
    else:
        result = measure_pipeline(corpus, "processes", int(run.rsplit("-", 1)[1]))
    return {**result, "peak_mb": _peak_mb(), "workers_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


class MeasurementFailed(Exception):
    """A run that gave no measurement, and why, in one line."""


def measure_in_child(run, corpus, timeout):
    """`measure(run, corpus)` in a child process. A child that fails or outlives `timeout`
    seconds raises MeasurementFailed; a failed child's last error output goes to stderr."""
    load = os.getloadavg()[0]
    # A session of its own, so that a timeout also stops the run's worker processes.
    child = subprocess.Popen([sys.executable, "-m", "bench.bench", "--measure", run,
                              "--corpus", str(corpus)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        raise MeasurementFailed(f"{run} took longer than --timeout {timeout:g} s") from None
    if child.returncode != 0:
        sys.stderr.write(stderr[-2000:])
        raise MeasurementFailed(f"{run} failed (exit status {child.returncode}; its error "
                                "output is above)")
    return {**json.loads(stdout.strip().splitlines()[-1]), "load_average": load}


def measure_runs(runs, corpus, timeout, measure_run=measure_in_child):
    """{run: its measurement, with `baseline_seconds`}, and a row for each baseline: the
    baseline runs first ("baseline first") and again after each other run ("baseline after RUN").

    Every run is compared with the median of these baselines, the row "baseline": the machine's
    speed over the whole session. One baseline is a few seconds, or half a minute, of a shared
    machine and varied by half between neighbours (28.7 to 43.2 s on 100,000 articles), while
    two runs minutes long, the pipeline on one core and on a pool of one worker, took 487 and
    490 s: a ratio to the baseline next to a run, or to the faster of the two around it,
    carried that noise into every ratio and into the speed-up's ratios."""
    baselines = {"baseline first": measure_run("baseline", corpus, timeout)}
    print(f"  baseline: {baselines['baseline first']['seconds']:.1f} s", flush=True)
    measured = {}
    for run in runs:
        if run == "baseline":
            continue
        measured[run] = measure_run(run, corpus, timeout)
        after = baselines[f"baseline after {run}"] = measure_run("baseline", corpus, timeout)
        print(f"  {run}: {measured[run]['seconds']:.1f} s (baseline after it "
              f"{after['seconds']:.1f} s)", flush=True)
    seconds = [baseline["seconds"] for baseline in baselines.values()]
    reference = statistics.median(seconds)
    print(f"  baseline: median {reference:.1f} s of {len(seconds)} "
          f"({min(seconds):.1f} to {max(seconds):.1f} s)", flush=True)
    results = {"baseline": {**baselines["baseline first"], "seconds": reference}, **baselines,
               **measured}
    return {run: {**result, "baseline_seconds": reference} for run, result in results.items()}


def rows_for_size(documents, megabytes, results):
    """The CSV rows of one corpus size: one per run and one per pipeline stage."""
    rows = []

    def add(name, seconds, result, stage=False):
        rows.append({"documents": documents, "megabytes": round(megabytes, 1),
                     "measurement": name, "seconds": round(seconds, 3),
                     "mb_per_s": round(megabytes / seconds, 2),
                     "docs_per_s": round(documents / seconds, 1),
                     "ratio_to_baseline": round(result["baseline_seconds"] / seconds, 3),
                     "peak_mb": None if stage else round(result["peak_mb"]),
                     "workers_peak_mb": None if stage else round(result["workers_peak_mb"]),
                     "load_average": round(result["load_average"], 2)})

    for run, result in results.items():
        if run.startswith(STAGE_RUN):
            add(f"{run[len(STAGE_RUN):]} alone", result["seconds"], result)
            continue
        add(run, result["seconds"], result)
        for stage, seconds in result["stages"].items():
            add(f"{run} / {stage}", seconds, result, stage=True)
    return rows


def print_table(table):
    print(table.to_string(index=False, na_rep=""))
    for documents, group in table.groupby("documents"):
        runs = dict(zip(group["measurement"], group["seconds"]))
        lines = [f"{documents} documents:"]
        if "pipeline" in runs:
            ratio = group.loc[group["measurement"] == "pipeline", "ratio_to_baseline"].iloc[0]
            lines.append(f"pipeline/baseline {ratio:.3f} (target >= {TARGET_RATIO:.3f})")
            peak = group.loc[group["measurement"] == "pipeline", "peak_mb"].iloc[0]
            lines.append(f"peak {peak:.0f} MB (target < {TARGET_PEAK_MB})")
        for run in REPORT_RUNS:
            if run in runs:
                row = group[group["measurement"] == run].iloc[0]
                lines.append(f"batch runner --jobs {run[-1]}: {row['seconds']:.0f} s "
                             f"({row['ratio_to_baseline']:.3f} of the baseline, largest "
                             f"kernel {row['workers_peak_mb']:.0f} MB)")
        if {"processes-1", "processes-2"} <= set(runs):
            lines.append(f"2-worker speed-up {runs['processes-1'] / runs['processes-2']:.2f}x "
                         f"(target >= {TARGET_SPEEDUP})")
        print("  ".join(lines))


def plot(table, path, seed):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    wide = table.pivot(index="measurement", columns="documents", values="ratio_to_baseline")
    # The worker runs' own fitting rows would only repeat the pipeline's.
    wide = wide.loc[[name for name in dict.fromkeys(table["measurement"])
                     if not name.startswith("baseline") and
                     (not name.startswith("processes-") or "/" not in name)]]
    fig, ax = plt.subplots(figsize=(11, 0.45 * len(wide) + 1.5))
    wide.iloc[::-1].plot.barh(ax=ax, width=0.8)
    ax.axvline(TARGET_RATIO, color="black", linestyle="--", linewidth=1,
               label=f"target for the pipeline ({TARGET_RATIO:.2f})")
    ax.axvline(1, color="grey", linewidth=1, label="baseline (re.findall + Counter)")
    ax.set_xscale("log")
    ax.set_xlabel("throughput as a ratio to the baseline (log scale; higher is faster)")
    ax.set_ylabel("")
    ax.set_title("Throughput relative to the baseline (read files, count \\w+ tokens)")
    # Beside the axes: inside, it would hide the bars of whichever stage ends up under it.
    ax.legend(title="documents / lines", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.text(0.01, 0.005, f"Source: make bench (bench/bench.py), synthetic corpora of sentences "
             f"sampled from seeds/ (seed {seed}). Every run against the median of the baselines "
             "measured first and after each run.", fontsize=7, color="dimgray", va="bottom")
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)


def positive(convert):
    """An argparse type: `convert`'s value of the argument, which must be above zero."""
    def checked(text):
        value = convert(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above zero, got {text}")
        return value
    checked.__name__ = convert.__name__    # argparse names the type in its messages
    return checked


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=positive(int), nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", nargs="+", choices=RUNS + REPORT_RUNS, default=list(RUNS))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=positive(float), default=3600,
                        help="seconds one measurement may take (default 3600)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus)))
        return 0

    import pandas as pd

    from bench.synth import build_corpus

    from analysis.pipeline import STAGES

    runs = [run for run in args.runs if run != "stages"]     # measure_runs does the baselines
    if "stages" in args.runs:
        runs += [STAGE_RUN + stage for stage in STAGES]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for documents in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"bench-{documents}-"))
        try:
            print(f"building {documents} documents in {folder} ...", flush=True)
            megabytes = build_corpus(folder, documents, seed=args.seed) / 1e6
            results = measure_runs(runs, folder, args.timeout)
            rows.extend(rows_for_size(documents, megabytes, results))
        except MeasurementFailed as error:
            # The results of a whole run stand together: a part of one replaces nothing.
            if rows:
                print_table(pd.DataFrame(rows, columns=COLUMNS))
            print(f"error: on {documents} documents, {error}; {out} is left as it was",
                  file=sys.stderr)
            return 1
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    table = pd.DataFrame(rows, columns=COLUMNS)
    table.to_csv(out / "bench.csv", index=False, lineterminator="\n")
    plot(table, out / "bench.png", args.seed)
    print_table(table)
    print(f"wrote {out / 'bench.csv'} and {out / 'bench.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
