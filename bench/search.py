"""Search speed and size: Whoosh (what the app uses) against SQLite FTS5 on the same documents.

    python bench/search.py [--sizes 60,1000,10000] [--json FILE]

For each corpus size it measures index build time and size (the bundled index five times, each
in a fresh process as the app builds it; the median is reported), per-keystroke latency (query plus
snippets for the ten visible hits) while typing several queries letter by letter, and spelling
suggestion latency; then the same for an FTS5 table in the same run, and the ratio. Prints a table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import REPO, bundled_store, synthetic_store  # noqa: E402
from reader.content.markup import to_plain_text  # noqa: E402
from reader.search.index import open_or_build  # noqa: E402
from reader.search.query import edit_distance  # noqa: E402

TYPED = ["peripheral neuropathy", "low back pain", "hay fever", "can't sleep", "irritable bowel",
         "knee osteoarthritis", "migraine prevention", "vickers 2018"]
MISSPELT = ["nueropathy", "migrane", "fibromyalga", "insomina"]
LIMIT = 10


def keystrokes(text: str) -> list[str]:
    return [text[:i] for i in range(1, len(text) + 1)]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def repeats(store) -> int:
    """Small corpora are built and typed several times (medians and percentiles over all
    runs), so one noisy moment on a shared machine does not decide the figure."""
    return 5 if len(store) <= 100 else 1


# The bundled index is built as the app builds it: once, in a fresh process (no warm caches).
BUILD_CHILD = """
import sys, time
from pathlib import Path
from reader.content import load_content
from reader.search.index import open_or_build
store = load_content(Path(sys.argv[1]))
t0 = time.perf_counter()
open_or_build(Path(sys.argv[2]), store).close()
print(time.perf_counter() - t0)
"""


def fresh_process_build(store, folder: Path) -> float:
    out = subprocess.run([sys.executable, "-c", BUILD_CHILD, str(store.root), str(folder)],
                         cwd=REPO, check=True, capture_output=True, text=True)
    return float(out.stdout.split()[-1])


def bench_whoosh(store, workdir: Path) -> dict:
    if store.root is not None and repeats(store) > 1:  # bundled content: fresh processes
        builds = [fresh_process_build(store, workdir / f"whoosh-{run}")
                  for run in range(repeats(store))]
        ix = open_or_build(workdir / "whoosh-0", store)
    else:  # generated corpora exist only in this process
        t0 = time.perf_counter()
        ix = open_or_build(workdir / "whoosh", store)
        builds = [time.perf_counter() - t0]
    size = folder_size(ix.folder)
    ix.search("warm up")
    lat = []
    for _ in range(repeats(store)):
        for query in TYPED:
            for partial in keystrokes(query):
                t = time.perf_counter()
                ix.search(partial, limit=LIMIT)
                lat.append((time.perf_counter() - t) * 1000)
    spell = []
    for word in MISSPELT:
        t = time.perf_counter()
        result = ix.search(word + " ", limit=LIMIT)
        spell.append((time.perf_counter() - t) * 1000)
        assert result.corrected or result.hits, word
    ix.close()
    return {"build_s": statistics.median(builds), "build_runs": builds, "size_mb": size / 1e6,
            "p50": statistics.median(lat),
            "p95": percentile(lat, 95), "spell_p50": statistics.median(spell),
            "spell_max": max(spell)}


def build_fts5(store, path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(slug UNINDEXED, title, aliases, question, "
               "symptoms, summary, body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?)", [
        (s.slug, s.title, " ".join(s.aliases), s.question, " ".join(s.symptoms), s.summary,
         to_plain_text(s.body)) for s in store])
    db.execute("INSERT INTO docs(docs) VALUES('optimize')")
    db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, row)")
    db.commit()
    return db


def bench_fts5(store, workdir: Path) -> dict:
    builds = []
    for run in range(repeats(store)):
        path = workdir / f"fts5-{run}.sqlite"
        t0 = time.perf_counter()
        build_fts5(store, path).close()
        builds.append(time.perf_counter() - t0)
    db = sqlite3.connect(path)
    size = path.stat().st_size

    def fts_query(text: str) -> str:
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split()]
        if not words:
            return ""
        parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*' if text[-1].isalnum()
                                                   else f'"{words[-1]}"']
        return " ".join(parts)

    sql = ("SELECT slug, snippet(docs, 6, '<b>', '</b>', '…', 24) FROM docs WHERE docs MATCH ? "
           "ORDER BY bm25(docs, 0, 8, 6, 3, 2.5, 2, 1) LIMIT ?")
    lat = []
    for _ in range(repeats(store)):
        for query in TYPED:
            for partial in keystrokes(query):
                t = time.perf_counter()
                q = fts_query(partial)
                if q:
                    db.execute(sql, (q, LIMIT)).fetchall()
                lat.append((time.perf_counter() - t) * 1000)
    spell = []
    for word in MISSPELT:
        # FTS5 has no corrector: the reference point scans its vocabulary for close terms.
        t = time.perf_counter()
        rows = db.execute("SELECT term, doc FROM vocab WHERE term >= ? AND term < ?",
                          (word[0], chr(ord(word[0]) + 1))).fetchall()
        best = min((r for r in rows if abs(len(r[0]) - len(word)) <= 2),
                   key=lambda r: (edit_distance(word, r[0]), -r[1]), default=None)
        if best:
            db.execute(sql, (f'"{best[0]}"', LIMIT)).fetchall()
        spell.append((time.perf_counter() - t) * 1000)
    db.close()
    return {"build_s": statistics.median(builds), "build_runs": builds, "size_mb": size / 1e6,
            "p50": statistics.median(lat),
            "p95": percentile(lat, 95), "spell_p50": statistics.median(spell),
            "spell_max": max(spell)}


def run(sizes: list[int]) -> list[dict]:
    rows = []
    for n in sizes:
        store = bundled_store() if n <= len(bundled_store()) else synthetic_store(n)
        label = f"bundled ({len(store)})" if store.root and n <= len(bundled_store()) else str(n)
        with tempfile.TemporaryDirectory() as tmp:
            w = bench_whoosh(store, Path(tmp))
            f = bench_fts5(store, Path(tmp))
            shutil.rmtree(tmp, ignore_errors=True)
        rows.append({"documents": len(store), "label": label, "whoosh": w, "fts5": f})
        print_row(rows[-1])
    return rows


def print_row(row: dict) -> None:
    w, f = row["whoosh"], row["fts5"]
    print(f"\n== {row['label']} documents")
    print(f"{'':28}{'Whoosh':>12}{'FTS5':>12}{'ratio':>9}")
    for key, name, unit in [("build_s", "index build", "s"), ("size_mb", "index size", "MB"),
                            ("p50", "keystroke p50", "ms"), ("p95", "keystroke p95", "ms"),
                            ("spell_p50", "spelling p50", "ms"), ("spell_max", "spelling max", "ms")]:
        ratio = w[key] / f[key] if f[key] else float("inf")
        print(f"{name + ' (' + unit + ')':28}{w[key]:12.2f}{f[key]:12.2f}{ratio:9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="60,1000,10000")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    rows = run([int(s) for s in args.sizes.split(",")])
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
