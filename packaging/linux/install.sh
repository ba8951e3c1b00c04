#!/bin/sh
# Install (or remove) the Factsheet Reader app folder that this script sits in, with its menu
# entry, icons and AppStream metainfo.
#
#   ./install.sh                  for this user: ~/.local/lib/factsheet-reader, ~/.local/bin, ...
#   sudo ./install.sh --system    for everyone:  /opt/factsheet-reader, /usr/local/bin, ...
#   ./install.sh --prefix DIR     under DIR (DIR/lib/factsheet-reader, DIR/bin, DIR/share)
#   add --uninstall to any of these to remove what that install put there
#
# The installed folder is only ever read by the app; settings, notes and caches go to the
# per-user folders (see docs/packaging.md), which --uninstall leaves alone.
set -eu

APP_ID=org.factsheetreader.FactsheetReader
NAME=factsheet-reader
here=$(cd "$(dirname "$0")" && pwd)

prefix="${HOME}/.local"
app_dir=""
uninstall=false
while [ $# -gt 0 ]; do
  case $1 in
    --system) prefix=/usr/local; app_dir=/opt/$NAME ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
              prefix=$2; shift ;;
    --uninstall) uninstall=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$app_dir" ] || app_dir=$prefix/lib/$NAME
share=$prefix/share

remove_tree() {
  # The app folder is read-only once installed: make it writable to its owner, then remove it.
  [ -e "$1" ] || return 0
  chmod -R u+w "$1" 2>/dev/null || true
  rm -rf "$1"
}

refresh_caches() {
  # Menus and icon themes notice new files by themselves on most desktops; these make it
  # immediate where the tools exist.
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
}

if $uninstall; then
  rm -f "$prefix/bin/$NAME" "$share/applications/$APP_ID.desktop" \
        "$share/metainfo/$APP_ID.metainfo.xml" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for png in "$share"/icons/hicolor/*/apps/"$APP_ID".png; do rm -f "$png"; done
  remove_tree "$app_dir"
  refresh_caches
  echo "Removed Factsheet Reader from $app_dir (your settings and notes were kept)."
  exit 0
fi

[ -x "$here/$NAME" ] && [ -d "$here/share" ] ||
  { echo "install.sh: run me from the unpacked $NAME folder" >&2; exit 1; }

if [ "$here" != "$app_dir" ]; then
  # Copy beside, then swap: an interrupted install never leaves half an app in place.
  mkdir -p "$(dirname "$app_dir")"
  remove_tree "$app_dir.new"
  cp -R "$here" "$app_dir.new"
  remove_tree "$app_dir.old"
  if [ -e "$app_dir" ]; then mv "$app_dir" "$app_dir.old"; fi
  mv "$app_dir.new" "$app_dir"
  remove_tree "$app_dir.old"
fi

mkdir -p "$prefix/bin" "$share/applications" "$share/metainfo"
ln -sf "$app_dir/$NAME" "$prefix/bin/$NAME"
# The menu entry starts the installed program by its full path: ~/.local/bin is not always on
# the PATH a desktop session starts programs with.
sed "s|^Exec=.*|Exec=\"$app_dir/$NAME\"|" "$here/share/applications/$APP_ID.desktop" \
  > "$share/applications/$APP_ID.desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$share/metainfo/"
for size_dir in "$here"/share/icons/hicolor/*/; do
  size=$(basename "$size_dir")
  mkdir -p "$share/icons/hicolor/$size/apps"
  cp "$size_dir"apps/* "$share/icons/hicolor/$size/apps/"
done
refresh_caches
echo "Installed Factsheet Reader in $app_dir; run it from the menu or as $prefix/bin/$NAME."
