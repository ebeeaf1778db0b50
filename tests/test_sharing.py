"""Sharing: standalone HTML that fetches nothing, an index, a manifest that checks out, and
byte-identical outputs from run to run."""
import base64
import datetime
import hashlib
import importlib.metadata
import json
import os
import shutil
from html.parser import HTMLParser

import nbformat
import pandas as pd

from analysis.html import export_notebook, write_index
from analysis.report import list_notebooks
from conftest import ROOT, SEEDS

pytest_plugins = ["seed_report"]


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes, and the page's text."""

    def __init__(self, text):
        super().__init__()
        self.tags, self.text = [], ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def pages(report_dir):
    return sorted((report_dir / "reports").glob("*.html"))


def seeds_fingerprint():
    """Computed here from the files, not read from what the runner wrote."""
    files = sorted(p for p in SEEDS.rglob("*") if p.is_file())
    listing = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  "
                      f"{p.relative_to(SEEDS).as_posix()}\n" for p in files)
    return len(files), hashlib.sha256(listing.encode()).hexdigest()


def test_every_notebook_has_a_full_and_a_reader_page(report_dir):
    for notebook in list_notebooks():
        full, reader = (Tags((report_dir / "reports" / f"{notebook.stem}{suffix}").read_text(
            encoding="utf-8")) for suffix in (".html", ".reader.html"))
        assert "import analysis" in full.text, notebook.name
        assert "import analysis" not in reader.text, notebook.name
        figures = [a["src"] for tag, a in reader.tags if tag == "img"]
        assert figures and all(src.startswith("data:image/png;base64,") for src in figures)


def test_pages_fetch_nothing_and_run_no_script(report_dir):
    assert len(pages(report_dir)) == 2 * len(list_notebooks()) + 1
    for page in pages(report_dir):
        tags = Tags(page.read_text(encoding="utf-8")).tags
        assert not [a for tag, a in tags if tag == "script"], page.name
        for tag, attrs in tags:
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                # Embedded data, in-page anchors and sibling files only.
                assert (value.startswith(("data:", "#")) or "://" not in value
                        and not value.startswith("//")), (page.name, tag, value)
        policies = [a["content"] for tag, a in tags if tag == "meta"
                    and a.get("http-equiv") == "Content-Security-Policy"]
        assert policies and policies[0].startswith("default-src 'none'"), page.name


def test_every_page_names_what_it_was_generated_from(report_dir):
    count, fingerprint = seeds_fingerprint()
    expected = f"from {count} files in seeds/ (sha256 {fingerprint[:16]}) with analysis"
    for page in pages(report_dir):
        text = page.read_text(encoding="utf-8")
        assert expected in text and 'href="manifest.json"' in text, page.name


def test_index_lists_every_report_with_its_figure_and_the_corpus(report_dir, source_date_epoch):
    text = (report_dir / "reports" / "index.html").read_text(encoding="utf-8")
    tags = Tags(text).tags
    links = {a["href"] for tag, a in tags if tag == "a"}
    for notebook in list_notebooks():
        assert {f"{notebook.stem}.html", f"{notebook.stem}.reader.html"} <= links
    thumbnails = [a["src"] for tag, a in tags if tag == "img"]
    assert len(thumbnails) == len(list_notebooks())
    for src in thumbnails:
        assert base64.b64decode(src.removeprefix("data:image/png;base64,"))[:8] == b"\x89PNG\r\n\x1a\n"
    dates = pd.to_datetime(pd.read_csv(SEEDS / "metadata.csv")["date"])
    assert f"{len(dates)} documents from seeds/" in text
    assert f"dated {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" in text
    when = datetime.datetime.fromtimestamp(int(source_date_epoch), datetime.timezone.utc)
    assert f"Generated {when:%Y-%m-%dT%H:%M:%SZ} from" in text


def test_progress_is_one_display_for_all_notebooks(seed_run):
    _, printed = seed_run
    jobs = min(os.cpu_count() or 1, len(list_notebooks()))
    assert f"running {len(list_notebooks())} notebooks, {jobs} at a time" in printed
    total = len(list_notebooks())
    done = [line for line in printed.splitlines() if " done] " in line]
    assert [line.split(" done]")[0] for line in done] == [f"[{n}/{total}" for n in
                                                            range(1, total + 1)]
    assert sorted(line.split()[2] for line in done) == [nb.stem for nb in list_notebooks()]


def test_manifest_hashes_every_input_and_output(report_dir):
    manifest = json.loads((report_dir / "reports" / "manifest.json").read_text(encoding="utf-8"))
    inputs = {entry["path"]: entry for entry in manifest["inputs"]}
    expected = [p for p in SEEDS.rglob("*") if p.is_file()] + \
        [p for p in (ROOT / "analysis" / "data").rglob("*") if p.is_file()] + list_notebooks()
    for path in expected:
        entry = inputs[path.relative_to(ROOT).as_posix()]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(), path
    written = {p.relative_to(report_dir).as_posix() for p in report_dir.rglob("*")
               if p.is_file() and "failed" not in p.parts} - {"reports/manifest.json"}
    assert {entry["path"] for entry in manifest["outputs"]} == written
    assert manifest["parameters"]["corpus"] == "seeds"
    assert manifest["packages"]["pandas"] == importlib.metadata.version("pandas")
    assert manifest["packages"]["papermill"] == importlib.metadata.version("papermill")
    assert manifest["python"].count(".") == 2


def test_verify_accepts_the_run_and_names_a_changed_figure(report_dir, run_report, tmp_path):
    result = run_report("--verify", report_dir / "reports" / "manifest.json")
    assert result.returncode == 0, result.stdout + result.stderr
    copy = tmp_path / "copy"
    shutil.copytree(report_dir, copy)
    with open(copy / "figures" / "term_frequency.csv", "a", encoding="utf-8") as table:
        table.write("tampered,1\n")
    result = run_report("--verify", copy / "reports" / "manifest.json")
    assert result.returncode == 1
    assert result.stdout.strip() == f"output changed: {copy / 'figures' / 'term_frequency.csv'}"


def test_two_runs_give_identical_figures_tables_and_pages_and_match_the_committed_ones(
        report_dir, run_seeds, tmp_path):
    run_seeds(tmp_path)

    def files(folder, patterns):
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for pattern in patterns for p in folder.glob(pattern)}

    patterns = ["figures/*.png", "figures/*.svg", "figures/*.csv", "reports/*.html"]
    first, second = files(report_dir, patterns), files(tmp_path, patterns)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    committed = files(ROOT, ["figures/*.png", "figures/*.svg", "figures/*.csv"])
    fresh = {name: data for name, data in first.items() if name.startswith("figures/")}
    assert committed.keys() == fresh.keys()
    assert [name for name in fresh if fresh[name] != committed[name]] == [], \
        "the committed figures are not what a fresh run gives: run make report and commit them"


# --- Corpus text is untrusted ---------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><img src="https://example.org/x.png">'


def test_corpus_strings_are_escaped_in_the_index(tmp_path):
    reports = [{"title": HOSTILE, "summary": HOSTILE, "thumbnail": None, "notebook": "a.ipynb",
                "full": "a.html", "reader": "a.reader.html"}]
    corpus = {"label": HOSTILE, "summary": HOSTILE, "generated_from": HOSTILE}
    write_index(tmp_path / "index.html", reports, corpus, HOSTILE, "3.11")
    tags = Tags((tmp_path / "index.html").read_text(encoding="utf-8")).tags
    assert not [tag for tag, _ in tags if tag in ("script", "img")]


def test_provenance_line_is_escaped_in_a_page(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A title\n\nText.")])
    executed = tmp_path / "a.ipynb"
    nbformat.write(nb, executed)
    export_notebook(executed, HOSTILE)
    for page in (tmp_path / "a.html", tmp_path / "a.reader.html"):
        text = page.read_text(encoding="utf-8")
        assert not [tag for tag, _ in Tags(text).tags if tag in ("script", "img")], page.name
        assert "<title>A title</title>" in text


def test_corpus_summary_counts_with_thousands_separators():
    from analysis.html import corpus_summary

    docs = pd.DataFrame({"date": pd.to_datetime(["2022-03-01"] * 1500 + [None] * 500),
                         "outlet": ["Outlet"] * 2000})
    inventory = pd.DataFrame({"status": ["loaded"] * 2000 + ["skipped"] * 1001})
    assert corpus_summary(docs, inventory, "archive/") == (
        "2,000 documents from archive/ (3,001 files read, 1,001 not used as documents); "
        "dated 2022-03-01 to 2022-03-01 (1,500 of 2,000 with a date); "
        "from 1 named outlet: Outlet.")
