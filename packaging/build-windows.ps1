# Build the Windows installer from a clean clone (PowerShell, on Windows 10 or 11, x64):
#   dist\factsheet-reader\                                   the one-folder app
#   dist\factsheet-reader-VERSION-windows-x64-setup.exe      the installer
# Needs Python 3.11+ (the py launcher) and Inno Setup 6 (iscc on PATH). See docs/packaging.md.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\.."
$Build = "$Root\build\windows"
$Python = "$Build\venv\Scripts\python.exe"
Set-Location $Root

function Run {
    # Stop at the first failing command (PowerShell does not, for programs).
    & $args[0] $args[1..($args.Count - 1)]
    if ($LASTEXITCODE -ne 0) { throw "failed ($LASTEXITCODE): $args" }
}

if (-not (Test-Path $Python)) { Run py -3 -m venv "$Build\venv" }
Run $Python -m pip install --quiet --disable-pip-version-check "$Root[package]"
Run $Python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$Root"
$Version = & $Python -c "from importlib.metadata import version; print(version('factsheet-reader'))"

Run "$Build\venv\Scripts\factsheet-reader.exe" check "$Root\content"
Run $Python packaging\build_search_index.py "$Root\content" "$Build\search-index"
$env:FACTSHEET_READER_PREBUILT_INDEX = "$Build\search-index"
Run $Python -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$Root\dist" `
    --workpath "$Build\pyinstaller" packaging\pyinstaller\factsheet-reader.spec
Run iscc /Q "/DAppVersion=$Version" packaging\windows\factsheet-reader.iss
Write-Host "installer: $Root\dist\factsheet-reader-$Version-windows-x64-setup.exe"
