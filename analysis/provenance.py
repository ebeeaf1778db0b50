"""Provenance: what a run read and wrote, so a report can be traced and checked months later.

Every run of the batch runner writes reports/manifest.json: the SHA-256 of every input (each
file of the corpus folder, every data file under analysis/data/, the notebooks and the analysis
code) and of every output, the parameters, the versions of Python and of the packages pinned in
requirements.txt, and the git commit. `verify` recomputes the hashes against a manifest.
"""
import datetime
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import subprocess
from pathlib import Path

from .datafiles import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
CODE_DIR = Path(__file__).resolve().parent
MANIFEST = "manifest.json"
# A requirement line is "name==version"; anything else (comments, blank lines) is not a pin.
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def display_path(path):
    """Relative to the repository when inside it, so a manifest reads the same on every clone."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _entry(path, shown, role=None):
    entry = {"path": shown, "sha256": sha256(path), "bytes": path.stat().st_size}
    return {"role": role, **entry} if role else entry


def corpus_fingerprint(entries):
    """SHA-256 of the `sha256sum` listing of the corpus files, paths relative to the folder.

    The same as `cd CORPUS && find . -type f -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n'
    sha256sum | sha256sum` for a corpus without hidden files.
    """
    listing = "".join(f"{e['sha256']}  {e['name']}\n" for e in sorted(entries,
                                                                       key=lambda e: e["name"]))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def input_files(corpus_dir, corpus_paths, notebooks, data_files=()):
    """Every input of a run with its hash. `corpus_paths` are relative to `corpus_dir`;
    `data_files` are a researcher's own word lists, gazetteer, codebook or annotation.

    Only readable regular files are hashed: the inventory also lists broken links, pipes and
    unreadable folders (with the reason they were skipped), and opening a pipe would block.
    """
    corpus_dir = Path(corpus_dir)
    readable = [name for name in sorted(corpus_paths)
                if (corpus_dir / name).is_file() and os.access(corpus_dir / name, os.R_OK)]
    corpus = [{**_entry(corpus_dir / name, display_path(corpus_dir / name), "corpus"),
               "name": name} for name in readable]
    package = sorted(p for p in DATA_DIR.rglob("*") if p.is_file())
    # A file given as a parameter may be one of the package's own (gazetteer_file pointing at
    # analysis/data/actors.csv): it is one input, listed once.
    listed = {p.resolve() for p in package}
    own = []
    for path in sorted(map(Path, data_files)):
        if path.resolve() not in listed:
            listed.add(path.resolve())
            own.append(path)
    data = [_entry(p, display_path(p), "data") for p in package + own]
    books = [_entry(p, display_path(p), "notebook") for p in sorted(notebooks)]
    code = [_entry(p, display_path(p), "code") for p in sorted(CODE_DIR.glob("*.py"))]
    return corpus + data + books + code


def output_files(out_dir, files):
    """The hash of each written file, its path relative to the output folder."""
    out_dir = Path(out_dir)
    return [_entry(p, p.relative_to(out_dir).as_posix()) for p in sorted(files)]


def git_commit():
    """{"commit", "dirty"} of the repository the analysis code comes from, or None outside git."""
    def git(*args):
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                              timeout=30, check=True).stdout.strip()
    try:
        commit = git("rev-parse", "HEAD")
        # Uncommitted edits to tracked files mean the commit alone does not say what ran.
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "dirty": dirty}


def describe_commit(git):
    if git is None:
        return "outside git"
    return f"at commit {git['commit'][:12]}" + (" (with uncommitted changes)" if git["dirty"]
                                                 else "")


def pinned_versions(requirements=ROOT / "requirements.txt"):
    """The installed version of every package pinned in requirements.txt."""
    versions = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            try:
                versions[match.group(1)] = importlib.metadata.version(match.group(1))
            except importlib.metadata.PackageNotFoundError:
                versions[match.group(1)] = None
    return versions


def generated_at():
    """Now, or SOURCE_DATE_EPOCH when set, so a build can be made fully reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
              else datetime.datetime.now(datetime.timezone.utc))
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def environment():
    return {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(), "packages": pinned_versions()}


def write_manifest(path, manifest):
    Path(path).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")


def verify(manifest_path):
    """Recompute every hash in a manifest; returns one line per file that is missing or differs.

    Inputs are looked up relative to the repository (or at their absolute path), outputs
    relative to the folder holding reports/ (the manifest's grandparent).
    """
    manifest_path = Path(manifest_path)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    out_dir = manifest_path.resolve().parent.parent
    problems = []
    for kind, base in (("input", ROOT), ("output", out_dir)):
        for entry in manifest[kind + "s"]:
            path = base / entry["path"]
            if not path.is_file():
                problems.append(f"{kind} missing: {path}")
            elif sha256(path) != entry["sha256"]:
                problems.append(f"{kind} changed: {path}")
    return problems
