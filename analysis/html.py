"""HTML for sharing: each executed notebook as a standalone page, and an index of them all.

Every page opens offline: figures are embedded as data URIs, and the scripts nbconvert's lab
template would fetch from a CDN (require.js, MathJax, Mermaid; the notebooks use none of them)
are left out. Two pages per notebook: NAME.html with the code, NAME.reader.html without it.
A page depends only on the notebook's cells and outputs and on the provenance line, so the same
run gives the same bytes. Corpus text reaches pages through outputs (tables escaped by pandas;
nbconvert's sanitizer is not used because it mangles those tables) and through the index and
provenance line (escaped by Jinja); a Content-Security-Policy keeps any script from running.
"""
import base64

import jinja2
import nbformat

READER_SUFFIX = ".reader.html"
# The browser refuses anything but the page's own inline styles and embedded images: no
# request leaves the machine, and no script runs, even one that corpus text smuggled into an
# output.
CONTENT_SECURITY_POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                           "font-src data:")

OFFLINE_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{#- The policy goes where require.js was, before anything the page loads. -#}
{%- block html_head_js_requirejs -%}
<meta http-equiv="Content-Security-Policy" content="{{ resources.content_security_policy }}">
{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
<p class="provenance" style="font: 12px sans-serif; color: #555; margin: 1em 2em;">
Generated from {{ resources.generated_from | e }}; every input and output is listed with its
SHA-256 in <a href="manifest.json">manifest.json</a> &middot; <a href="index.html">all reports</a>
</p>
{%- endblock body_header -%}
"""

INDEX_TEMPLATE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="{{ content_security_policy }}">
<title>Reports: {{ corpus.label }}</title>
<style>
body { font: 15px/1.5 sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
ul.reports { list-style: none; padding: 0; display: grid;
             grid-template-columns: repeat(auto-fill, minmax(16em, 1fr)); gap: 1.5em; }
ul.reports img { width: 100%; border: 1px solid #ddd; }
footer { font-size: 12px; color: #555; border-top: 1px solid #ddd; margin-top: 2em; }
</style>
</head>
<body>
<h1>Reports: {{ corpus.label }}</h1>
<p class="corpus">{{ corpus.summary }}</p>
<ul class="reports">
{%- for report in reports %}
<li>
<a href="{{ report.reader }}">
{%- if report.thumbnail %}<img src="{{ report.thumbnail }}" alt="Main figure of {{ report.title }}">{% endif -%}
</a>
<h2><a href="{{ report.reader }}">{{ report.title }}</a></h2>
<p>{{ report.summary }}</p>
<p><a href="{{ report.reader }}">Read</a> &middot; <a href="{{ report.full }}">with code</a>
&middot; <a href="{{ report.notebook }}">notebook</a></p>
</li>
{%- endfor %}
</ul>
<footer>
<p>Generated {{ generated }} from {{ corpus.generated_from }}, with Python {{ python }}.
Every input and output of the run, with its SHA-256, the parameters and the package versions,
is listed in <a href="manifest.json">manifest.json</a>.</p>
</footer>
</body>
</html>
"""


def _title_and_summary(nb):
    """The first heading of the notebook and the paragraph that follows it."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = cell.source.strip().splitlines()
            if lines and lines[0].startswith("#"):
                # Plain text for the index: markdown's code backticks would show as they are.
                summary = " ".join(line.strip() for line in lines[1:] if line.strip())
                return lines[0].lstrip("#").strip(), summary.replace("`", "")
    return "", ""


def _for_export(nb, title):
    """A copy without what changes from run to run: papermill's timings, random cell ids."""
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("papermill", None)
    nb.metadata["title"] = title
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return nb


def _exporter(reader):
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab", template_file="offline.html.j2",
        extra_loaders=[jinja2.DictLoader({"offline.html.j2": OFFLINE_TEMPLATE})],
        exclude_input=reader, exclude_input_prompt=reader, exclude_output_prompt=reader)


def export_notebook(executed, generated_from):
    """Write NAME.html (with code) and NAME.reader.html (without) next to the executed notebook.

    Returns the paths written.
    """
    nb = nbformat.read(executed, as_version=4)
    nb = _for_export(nb, _title_and_summary(nb)[0] or executed.stem)
    resources = {"metadata": {"name": executed.stem}, "generated_from": generated_from,
                 "content_security_policy": CONTENT_SECURITY_POLICY}
    written = []
    for reader, suffix in ((False, ".html"), (True, READER_SUFFIX)):
        body, _ = _exporter(reader).from_notebook_node(nb, resources=dict(resources))
        target = executed.with_name(executed.stem + suffix)
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def _main_figure(nb):
    """The notebook's first PNG output as a data URI, or None."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                data = png if isinstance(png, str) else "".join(png)
                # Round-trip through base64 so that only a well-formed payload reaches the page.
                return "data:image/png;base64," + base64.b64encode(
                    base64.b64decode(data)).decode("ascii")
    return None


def report_entry(executed):
    """What the index shows for one executed notebook."""
    nb = nbformat.read(executed, as_version=4)
    title, summary = _title_and_summary(nb)
    return {"title": title or executed.stem, "summary": summary,
            "thumbnail": _main_figure(nb), "notebook": executed.name,
            "full": executed.stem + ".html", "reader": executed.stem + READER_SUFFIX}


def corpus_summary(docs, inventory, label):
    """One paragraph: how many documents, from which files, outlets and dates."""
    skipped = int((inventory["status"] != "loaded").sum())
    dates = docs["date"].dropna()
    parts = [f"{len(docs):,} {'document' if len(docs) == 1 else 'documents'} from {label} "
             f"({len(inventory):,} files read, {skipped:,} not used as documents)"]
    if len(dates):
        parts.append(f"dated {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d} "
                     f"({len(dates):,} of {len(docs):,} with a date)")
    else:
        parts.append("none of them dated")
    outlets = sorted({outlet for outlet in docs["outlet"] if outlet})
    if outlets:
        parts.append(f"from {len(outlets)} named outlet{'s' if len(outlets) != 1 else ''}: "
                     + ", ".join(outlets))
    return "; ".join(parts) + "."


def write_index(path, reports, corpus, generated, python):
    """reports/index.html: every report with its main figure, the corpus, and the provenance."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    page = environment.from_string(INDEX_TEMPLATE).render(
        reports=reports, corpus=corpus, generated=generated, python=python,
        content_security_policy=CONTENT_SECURITY_POLICY)
    path.write_text(page, encoding="utf-8")

