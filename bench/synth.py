"""Synthetic corpora for the benchmark: articles assembled from the seeds' own sentences.

Each document is a headline, paragraphs of one to three sentences sampled from the cleaned
seeds, and now and then a run of the page furniture that cleaning removed from the seeds, so
every stage has its usual work to do. Sizes are drawn between 3 and 6 KB. The same seed gives
byte-identical corpora, so figures from different runs and machines describe the same input.

    python -m bench.synth 1000 /tmp/corpus-1k
"""
import argparse
import csv
import random
import sys
from pathlib import Path

from bench.bench import positive

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# A thousand files a folder keeps directory listings fast and exercises sub-folder ids.
FILES_PER_FOLDER = 1000
FURNITURE_SHARE = 0.3


def source_material(seeds=SEEDS):
    """(sentences, headlines, furniture runs, outlets) taken from the seed corpus."""
    from analysis import load_corpus, sentences

    docs = load_corpus(seeds)
    table = sentences(docs)
    furniture = [[text for _, text, _ in removed] for removed in docs["removed"] if removed]
    outlets = sorted({outlet for outlet in docs["outlet"] if outlet})
    return list(table["sentence"]), list(docs["title"]), furniture, outlets


def _document(rng, material, size):
    sentences, headlines, furniture, _ = material
    lines = [rng.choice(headlines)]
    used = len(lines[0].encode("utf-8"))
    while True:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))
        used += len(paragraph.encode("utf-8")) + 2
        if used > size and len(lines) > 1:
            break
        lines.append(paragraph)
        if rng.random() < FURNITURE_SHARE / 10:
            run = rng.choice(furniture)
            start = rng.randrange(len(run))
            lines.extend(run[start:start + rng.randint(1, 3)])
    return "\n\n".join(lines) + "\n"


def build_corpus(out_dir, n_docs, seed=0, min_bytes=3000, max_bytes=6000, seeds=SEEDS):
    """Write `n_docs` articles and a metadata.csv under `out_dir`; returns the total bytes."""
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    material = source_material(seeds)
    outlets = material[3]
    total = 0
    rows = []
    for number in range(n_docs):
        folder = out_dir / f"part{number // FILES_PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = _document(rng, material, rng.randint(min_bytes, max_bytes))
        data = text.encode("utf-8")
        (folder / f"doc{number:06d}.txt").write_bytes(data)
        total += len(data)
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append([f"{folder.name}/doc{number:06d}", "", rng.choice(outlets), date,
                     "synthetic"])
    with open(out_dir / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["doc_id", "title", "outlet", "date", "date_note"])
        writer.writerows(rows)
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("documents", type=positive(int), help="how many articles")
    parser.add_argument("folder", type=Path, help="a new or empty folder to write them to")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    # Writing into a corpus would replace its metadata.csv.
    if args.folder.exists() and (not args.folder.is_dir() or any(args.folder.iterdir())):
        print(f"error: {args.folder}: not a new or empty folder", file=sys.stderr)
        return 1
    size = build_corpus(args.folder, args.documents, seed=args.seed)
    print(f"{args.documents} documents, {size / 1e6:.1f} MB in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
