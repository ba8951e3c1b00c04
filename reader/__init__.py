"""Factsheet Reader: an offline reader of research-based acupuncture factsheets."""


def __getattr__(name: str):
    # The version is looked up on first use: importlib.metadata costs ~40 ms at start-up.
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("factsheet-reader")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+source"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
