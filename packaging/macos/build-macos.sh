#!/usr/bin/env bash
# Build the macOS app from a clean clone (on a Mac, for the Mac's own architecture):
#   dist/Factsheet Reader.app                        the app bundle
#   dist/factsheet-reader-VERSION-macos-ARCH.dmg     a disk image to drag it to Applications from
# Needs Python 3.11+ (python.org or Homebrew). Set CODESIGN_IDENTITY="Developer ID Application:
# ..." to sign it; notarisation is a separate step (docs/packaging.md). The Info.plist values
# (bundle id, version, category, minimum macOS) are in the spec's BUNDLE section.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$ROOT/build/macos
PYTHON=${PYTHON:-python3}
cd "$ROOT"

[[ -x $BUILD/venv/bin/python ]] || "$PYTHON" -m venv "$BUILD/venv"
VPY=$BUILD/venv/bin/python
"$VPY" -m pip install --quiet --disable-pip-version-check "$ROOT[package]"
"$VPY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$ROOT"
VERSION=$("$VPY" -c 'from importlib.metadata import version; print(version("factsheet-reader"))')

"$BUILD/venv/bin/factsheet-reader" check "$ROOT/content"
"$VPY" packaging/build_search_index.py "$ROOT/content" "$BUILD/search-index"
FACTSHEET_READER_PREBUILT_INDEX=$BUILD/search-index \
  "$VPY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$BUILD/pyinstaller" packaging/pyinstaller/factsheet-reader.spec

APP="$ROOT/dist/Factsheet Reader.app"
if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi
"$APP/Contents/MacOS/factsheet-reader" --version

DMG=$ROOT/dist/factsheet-reader-$VERSION-macos-$(uname -m).dmg
rm -f "$DMG"
STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Factsheet Reader" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
rm -rf "$STAGE"
echo "app: $APP"
echo "dmg: $DMG"
