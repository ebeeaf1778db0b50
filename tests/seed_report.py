"""One run of the batch runner on the seeds, shared by every test module that reads its outputs.

Loaded as a plugin (`pytest_plugins = ["seed_report"]`, never imported directly), so the
session-scoped fixtures are defined once and the notebooks run once per test session, however
many modules use them.
"""
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

# A fixed "generated" time, so that the index page is byte-stable too.
SOURCE_DATE_EPOCH = "1700000000"


def _run_report(*args, env=None):
    return subprocess.run([sys.executable, "-m", "analysis.report", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def _run_seeds(out):
    """Run every notebook on the seeds into `out`; returns the runner's standard output."""
    result = _run_report("--corpus", SEEDS, "--out", out,
                         env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def run_report():
    """`python -m analysis.report ARGS` in a subprocess, as a user runs it."""
    return _run_report


@pytest.fixture(scope="session")
def run_seeds():
    return _run_seeds


@pytest.fixture(scope="session")
def source_date_epoch():
    return SOURCE_DATE_EPOCH


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """(output folder, what the runner printed)."""
    out = tmp_path_factory.mktemp("report")
    return out, _run_seeds(out)


@pytest.fixture(scope="session")
def report_dir(seed_run):
    return seed_run[0]
