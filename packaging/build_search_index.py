"""Build the search index that ships inside the installed app, so its first start needs no build.

    python packaging/build_search_index.py CONTENT_DIR OUT_DIR

A packaging step (packaging/build-linux.sh runs it), not something users run. It refuses content
with problems, writes OUT_DIR/v{schema}-{digest}/ exactly as the app's cache would hold it, and
checks that the app can open it read-only. Run it with the same Python environment that is being
bundled: the index must be written by the Whoosh and analysis code the app will read it with.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    from reader.content import load_content
    from reader.search.index import build, open_prebuilt

    content, out = Path(argv[0]), Path(argv[1])
    store = load_content(content)
    if store.problems or not len(store):
        for problem in store.problems:
            print(problem, file=sys.stderr)
        print(f"{content}: fix the content before packaging it", file=sys.stderr)
        return 1
    if out.exists():
        shutil.rmtree(out)  # a build folder: start clean so only this content's index ships
    folder = build(out, store)
    index = open_prebuilt(out, store)
    if index is None or index.doc_count != len(store) or not index.search("pain").hits:
        print(f"{folder}: the index was written but cannot be used", file=sys.stderr)
        return 1
    index.close()
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    print(f"{folder}: {len(store)} factsheets, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
