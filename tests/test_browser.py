"""The HTML reports as a reader opens them: from disk, in headless Chromium, with no network.

Chromium is driven over the DevTools protocol (websocket-client, already a Jupyter
dependency): every figure must have rendered, no request may leave the machine, and nothing
may be logged as an error, be it a script error, a refused fetch or a Content-Security-Policy
violation. `make test` installs Debian's chromium when it is missing.
"""
import itertools
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
import websocket

from analysis.report import list_notebooks

pytest_plugins = ["seed_report"]

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--remote-debugging-port=0"]
TIMEOUT = 60


def chromium_path():
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """One headless Chromium and one page in it, spoken to over the DevTools protocol."""

    def __init__(self, executable, profile):
        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        # With port 0 Chromium picks a free port and writes it here: no race with other tests.
        active = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while not (active.exists() and len(active.read_text().split()) == 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port, path = active.read_text().split()
        self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}",
                                                  timeout=TIMEOUT, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=self.session)

    def send(self, method, session=None, **params):
        """Send one command and return its result; events that arrive meanwhile are kept."""
        number = next(self.ids)
        message = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, event):
        deadline = time.monotonic() + TIMEOUT
        while not any(e.get("method") == event for e in self.events):
            assert time.monotonic() < deadline, f"no {event} within {TIMEOUT} s"
            self.events.append(json.loads(self.socket.recv()))

    def open(self, path):
        """Load a file and return the events it caused (requests, console, log entries)."""
        self.events = []
        self.send("Page.navigate", session=self.session, url=path.as_uri())
        self.wait_for("Page.loadEventFired")
        return self.events

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", session=self.session, expression=expression,
                           returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"]["value"]

    def close(self):
        if getattr(self, "socket", None):
            self.socket.close()
        # Chromium's own helper processes share its session: end them together, by group id.
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (make test installs Debian's chromium with "
                    "apt-get where it can; here it could not): the HTML was not checked in a "
                    "browser")
    browser = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.close()


def problems(events):
    """Requests that left the machine, and everything logged as an error or thrown."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(("file:", "data:")):
                found.append(f"request to {url}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            found.append(f"console.{params['type']}: {params['args']}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            found.append(f"log: {params['entry']['text']}")
    return found


IMAGES = """[...document.images].map(img => ({
    complete: img.complete, width: img.naturalWidth, height: img.naturalHeight}))"""


def png_outputs(executed):
    nb = nbformat.read(executed, as_version=4)
    return sum("image/png" in output.get("data", {}) for cell in nb.cells
               for output in cell.get("outputs", []))


@pytest.mark.parametrize("suffix", [".html", ".reader.html"])
def test_every_report_shows_all_its_figures_without_errors(browser, report_dir, suffix):
    for notebook in list_notebooks():
        page = report_dir / "reports" / f"{notebook.stem}{suffix}"
        assert problems(browser.open(page)) == [], page.name
        images = browser.evaluate(IMAGES)
        assert len(images) == png_outputs(report_dir / "reports" / notebook.name) > 0, page.name
        assert all(img["complete"] and img["width"] > 0 and img["height"] > 0
                   for img in images), (page.name, images)
        assert browser.evaluate("document.title"), page.name


def test_index_shows_a_thumbnail_per_report_and_links_that_resolve(browser, report_dir):
    page = report_dir / "reports" / "index.html"
    assert problems(browser.open(page)) == []
    images = browser.evaluate(IMAGES)
    assert len(images) == len(list_notebooks())
    assert all(img["complete"] and img["width"] > 0 for img in images), images
    links = browser.evaluate("[...document.links].map(a => a.href)")
    for link in links:
        assert link.startswith("file://"), link
        assert Path(link.removeprefix("file://")).is_file(), link
