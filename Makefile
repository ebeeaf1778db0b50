# Two commands set up everything: `make report` and `make test`. The environment lives in .venv
# and is rebuilt when requirements.txt changes.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready

.PHONY: report test lab bench clean-reports chromium

report: $(READY)
	$(PY) -m analysis.report

test: $(READY) chromium
	$(PY) -m pytest

lab: $(READY)
	$(VENV)/bin/jupyter lab notebooks/

# Synthetic corpora of 1,000, 10,000 and 100,000 articles in a temporary folder; results in
# bench/results/. A quick check: $(PY) -m bench.bench --sizes 1000
bench: $(READY)
	$(PY) -m bench.bench

# The .pth file puts the repository on the environment's path, so notebooks, their kernels and
# the tests import `analysis` from wherever they run.
$(READY): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -c 'import sysconfig; print("$(CURDIR)", file=open(sysconfig.get_paths()["purelib"] + "/news-coverage-analysis.pth", "w"))'
	touch $(READY)

# The browser test opens the HTML reports in Debian's chromium. Installed here when missing and
# apt-get can be used (as root, or with password-less sudo); elsewhere the test is skipped and
# says why.
chromium:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else echo "chromium is missing and apt-get needs root: the browser test will be skipped"; exit 0; fi; \
	  echo "installing chromium for the browser test"; \
	  $$SUDO apt-get update -q >/dev/null && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
	  || echo "could not install chromium: the browser test will be skipped"; \
	fi

clean-reports:
	rm -rf reports
