# Two commands set up everything: `make report` and `make test`. The environment lives in .venv
# and is rebuilt when requirements.txt changes.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready

.PHONY: report test lab bench clean-reports

report: $(READY)
	$(PY) -m analysis.report

test: $(READY)
	$(PY) -m pytest

lab: $(READY)
	$(VENV)/bin/jupyter lab notebooks/

# The .pth file puts the repository on the environment's path, so notebooks, their kernels and
# the tests import `analysis` from wherever they run.
$(READY): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -c 'import sysconfig; print("$(CURDIR)", file=open(sysconfig.get_paths()["purelib"] + "/news-coverage-analysis.pth", "w"))'
	touch $(READY)

clean-reports:
	rm -rf reports
