"""Factsheet Reader: an offline reader of research-based acupuncture factsheets."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("factsheet-reader")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
