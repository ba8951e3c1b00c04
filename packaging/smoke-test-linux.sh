#!/usr/bin/env bash
# Check a built Linux app folder the way a first-time user meets it, and print its figures.
#
#   packaging/smoke-test-linux.sh dist/factsheet-reader
#
# With a brand-new per-user folder, under a virtual X screen (Xvfb), it checks that:
#   --version names the app version and the content pack;
#   --quit-after-load opens the window, paints the home page and exits 0 (exit 1 if not);
#   `search` answers from the prebuilt index, with no index build in the user's cache;
#   nothing was written inside the app folder;
#   install.sh installs into a prefix (desktop file valid, program runs) and uninstalls.
# Then prints the app folder's size and the first-start time. Needs Xvfb (Debian: xvfb).
set -euo pipefail

APP=$(cd "${1:?usage: smoke-test-linux.sh APP_FOLDER}" && pwd)
EXE=$APP/factsheet-reader
[[ -x $EXE ]] || { echo "smoke: $EXE is not an executable" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "smoke: Xvfb missing (apt-get install xvfb)" >&2; exit 1; }

WORK=$(mktemp -d)
# One virtual screen for the whole run, so the timings below are the app's alone.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/display" 2>/dev/null &
XVFB=$!
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [[ -s $WORK/display ]] && break; sleep 0.1; done
[[ -s $WORK/display ]] || { echo "smoke: Xvfb did not start" >&2; exit 1; }
export DISPLAY=:$(cat "$WORK/display")
export FACTSHEET_READER_HOME=$WORK/home
unset QT_QPA_PLATFORM  # the real X11 platform plugin, as on a desktop
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
pass() { echo "smoke: ok: $*"; }
seconds_since() { printf '%.2f' "$(( $(date +%s%N) - $1 ))e-9"; }
snapshot() { (cd "$APP" && find . -printf '%p %s %T@ %m\n' | sort); }

snapshot > "$WORK/before"

out=$("$EXE" --version)
grep -q '^factsheet-reader [0-9]' <<<"$out" && grep -q '^content: ' <<<"$out" ||
  fail "--version printed: $out"
pass "--version: $(tr '\n' ' ' <<<"$out")"

start=$(date +%s%N)
if ! "$EXE" --quit-after-load 2>"$WORK/gui.err"; then
  cat "$WORK/gui.err" >&2; fail "--quit-after-load did not exit 0"
fi
first_start=$(seconds_since "$start")
grep -q "home page painted" "$WORK/gui.err" || { cat "$WORK/gui.err" >&2; fail "no paint logged"; }
grep -q "home page painted" "$FACTSHEET_READER_HOME/log/factsheet-reader.log" ||
  fail "the log file in the per-user log folder has no paint line"
pass "window painted the home page (first start ${first_start}s)"

start=$(date +%s%N)
"$EXE" --quit-after-load 2>/dev/null || fail "second start"
second_start=$(seconds_since "$start")

start=$(date +%s%N)
"$EXE" search "low back pain" --json >"$WORK/hits.json" 2>"$WORK/search.err" ||
  { cat "$WORK/search.err" >&2; fail "search exited non-zero"; }
first_search=$(seconds_since "$start")
grep -q '"slug": "chronic-low-back-pain"' "$WORK/hits.json" || fail "search found no back pain sheet"
# Had the prebuilt index not matched, the index would have been built in the cache.
[[ ! -e $FACTSHEET_READER_HOME/cache/index ]] || fail "an index was built in the user's cache"
pass "search answered from the prebuilt index in ${first_search}s; nothing built in the cache"

snapshot > "$WORK/after"
diff -u "$WORK/before" "$WORK/after" >&2 || fail "files inside $APP changed"
pass "nothing written inside the app folder"

prefix=$WORK/prefix
"$APP/install.sh" --prefix "$prefix" >/dev/null
desktop=$prefix/share/applications/org.factsheetreader.FactsheetReader.desktop
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop"; fi
"$prefix/bin/factsheet-reader" --version >/dev/null || fail "installed program does not run"
[[ -f $prefix/share/icons/hicolor/48x48/apps/org.factsheetreader.FactsheetReader.png ]] ||
  fail "icons not installed"
"$prefix/lib/factsheet-reader/install.sh" --prefix "$prefix" --uninstall >/dev/null
[[ ! -e $prefix/bin/factsheet-reader && ! -e $desktop && ! -e $prefix/lib/factsheet-reader ]] ||
  fail "uninstall left files behind"
pass "install.sh installs into a prefix and uninstalls cleanly"

echo
echo "app folder size:   $(du -sh "$APP" | cut -f1) ($(find "$APP" -type f | wc -l) files)"
echo "first start:       ${first_start}s to the painted home page, fresh user folder"
echo "second start:      ${second_start}s"
echo "first search:      ${first_search}s for a command-line search (process start included)"
