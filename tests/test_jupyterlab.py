"""The notebooks as an analyst uses them: JupyterLab from the project's environment, each
notebook opened through the server and run, cell by cell, on a kernel the server started.

Like a person who changes the parameters cell before running all cells, the test sets
`figures_dir` to a temporary folder after the parameters cell, so the committed figures are
left alone.
"""
import base64
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid

import pytest
import requests
import websocket

from analysis.report import list_notebooks
from conftest import ROOT

TIMEOUT = 120


class Lab:
    """A JupyterLab server on a free port, with its own runtime and config folders."""

    def __init__(self, home):
        self.token = secrets.token_hex(16)
        runtime = home / "runtime"
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime),
               "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data")}
        # --allow-root: CI containers often run as root, which JupyterLab refuses by default.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--port=0", "--allow-root",
             f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={ROOT}",
             "--ServerApp.port_retries=0"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        # The server writes its URL (with the port it was given) to the runtime folder.
        deadline = time.monotonic() + TIMEOUT
        while True:
            info = list(runtime.glob(f"jpserver-{self.process.pid}.json"))
            if info:
                try:
                    self.url = json.loads(info[0].read_text())["url"].rstrip("/")
                    if self.get("/api/status").ok:
                        break
                except (ValueError, KeyError, requests.ConnectionError):
                    pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("JupyterLab did not start")
            time.sleep(0.2)

    def request(self, method, path, **kwargs):
        return requests.request(method, self.url + path, timeout=TIMEOUT,
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def get(self, path):
        return self.request("GET", path)

    def stop(self):
        try:
            self.request("POST", "/api/shutdown")
            self.process.wait(timeout=30)
        except (requests.RequestException, subprocess.TimeoutExpired, AttributeError):
            pass
        # Kernels started by the server share its session: whatever is left goes with it.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    server = Lab(tmp_path_factory.mktemp("jupyter"))
    yield server
    server.stop()


def execute(channel, code):
    """Run one cell on the kernel; returns its outputs as the iopub messages' contents."""
    msg_id = uuid.uuid4().hex
    channel.send(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                   "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
    outputs, replied, idle = [], False, False
    deadline = time.monotonic() + TIMEOUT
    while not (replied and idle):
        assert time.monotonic() < deadline, f"no reply within {TIMEOUT} s to {code[:60]!r}"
        message = json.loads(channel.recv())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = message["msg_type"]
        if kind == "execute_reply":
            replied = True
        elif kind == "status" and message["content"]["execution_state"] == "idle":
            idle = True
        elif kind in ("display_data", "execute_result", "error", "stream"):
            outputs.append({"type": kind, **message["content"]})
    return outputs


@pytest.mark.parametrize("notebook", list_notebooks(), ids=lambda nb: nb.stem)
def test_notebook_runs_in_jupyterlab_and_shows_its_figures(lab, notebook, tmp_path):
    path = notebook.relative_to(ROOT).as_posix()
    opened = lab.get(f"/api/contents/{path}?content=1")
    assert opened.ok, opened.text
    cells = opened.json()["content"]["cells"]
    session = lab.request("POST", "/api/sessions", json={
        "path": path, "name": notebook.name, "type": "notebook", "kernel": {"name": "python3"}})
    assert session.ok, session.text
    kernel = session.json()["kernel"]["id"]
    ws_url = lab.url.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels"
    channel = websocket.create_connection(ws_url, timeout=TIMEOUT,
                                          header=[f"Authorization: token {lab.token}"])
    try:
        figures = []
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            outputs = execute(channel, "".join(cell["source"]))
            errors = [o for o in outputs if o["type"] == "error"]
            assert not errors, "\n".join(errors[0]["traceback"])
            figures += [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
            if "parameters" in cell["metadata"].get("tags", []):
                execute(channel, f"figures_dir = {str(tmp_path)!r}")
    finally:
        channel.close()
        lab.request("DELETE", f"/api/sessions/{session.json()['id']}")
    assert figures, f"{notebook.name} showed no figure"
    for png in figures:
        assert base64.b64decode(png)[:8] == b"\x89PNG\r\n\x1a\n"
    assert list(tmp_path.glob("*.png")), "figures were not written where the parameters said"
