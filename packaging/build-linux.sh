#!/usr/bin/env bash
# Build the Linux app from a clean clone: dist/factsheet-reader/ (one folder, run
# dist/factsheet-reader/factsheet-reader) and dist/factsheet-reader-VERSION-linux-ARCH.tar.gz.
#
#   packaging/build-linux.sh            build (reuses build/linux/venv if it is there)
#   packaging/build-linux.sh --fresh    start from a new build venv
#   PYTHON=python3.12 packaging/build-linux.sh   build with another Python (3.11 or newer)
#
# Everything it writes is under build/linux/ and dist/ (both ignored by git). Then run
# packaging/smoke-test-linux.sh dist/factsheet-reader to check the result.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build/linux
DIST=$ROOT/dist
PYTHON=${PYTHON:-python3}
APP_ID=org.factsheetreader.FactsheetReader
cd "$ROOT"

if [[ ${1:-} == --fresh ]]; then rm -rf "$BUILD"; fi
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  { echo "build-linux: needs Python 3.11 or newer ($PYTHON is $("$PYTHON" -V 2>&1))" >&2; exit 1; }
# Qt's xcb platform plugin needs libxcb-cursor at run time; PyInstaller bundles the copy it finds
# here, so a machine without it could not open a window.
if command -v ldconfig >/dev/null && ! ldconfig -p | grep -q 'libxcb-cursor\.so\.0'; then
  echo "build-linux: libxcb-cursor0 is missing (Debian/Ubuntu: apt-get install libxcb-cursor0)" >&2
  exit 1
fi

step() { printf '\n== %s\n' "$*"; }
step "build environment in $BUILD/venv"
[[ -x $BUILD/venv/bin/python ]] || "$PYTHON" -m venv "$BUILD/venv"
VPY=$BUILD/venv/bin/python
"$VPY" -m pip install --quiet --disable-pip-version-check "$ROOT[package]"
# Not editable, and rebuilt every time: the bundle takes this installed copy of the package and
# its metadata (the version), so it must be the source as it is now.
"$VPY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$ROOT"
VERSION=$("$VPY" -c 'from importlib.metadata import version; print(version("factsheet-reader"))')
ARCH=$(uname -m)

step "content check and prebuilt search index"
"$BUILD/venv/bin/factsheet-reader" check "$ROOT/content"
"$VPY" packaging/build_search_index.py "$ROOT/content" "$BUILD/search-index"

step "PyInstaller"
# A setuptools build leaves factsheet_reader.egg-info in the source tree; the spec imports the
# package from there, so PyInstaller would bundle that stale metadata instead of the dist-info
# just installed (the version and licence files the About dialog shows).
rm -rf "$ROOT"/factsheet_reader.egg-info
if [[ -d $DIST/factsheet-reader ]]; then chmod -R u+w "$DIST/factsheet-reader"; fi
rm -rf "$DIST/factsheet-reader"
FACTSHEET_READER_PREBUILT_INDEX=$BUILD/search-index \
  "$VPY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" packaging/pyinstaller/factsheet-reader.spec

step "desktop integration files"
APP=$DIST/factsheet-reader
install -D -m 644 packaging/linux/$APP_ID.desktop "$APP/share/applications/$APP_ID.desktop"
install -D -m 644 packaging/linux/$APP_ID.metainfo.xml "$APP/share/metainfo/$APP_ID.metainfo.xml"
install -D -m 644 resources/icons/factsheet-reader.svg \
  "$APP/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in resources/icons/factsheet-reader-*.png; do
  size=${png##*-}; size=${size%.png}
  install -D -m 644 "$png" "$APP/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -m 755 packaging/linux/install.sh "$APP/install.sh"
# The folder is read-only once installed: make that true of the build too.
chmod -R a-w,a+rX "$APP"

step "archive"
TARBALL=$DIST/factsheet-reader-$VERSION-linux-$ARCH.tar.gz
rm -f "$TARBALL"
tar -C "$DIST" -czf "$TARBALL" factsheet-reader
echo "app folder: $APP ($(du -sh "$APP" | cut -f1))"
echo "archive:    $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
