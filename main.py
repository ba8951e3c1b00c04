"""Start Factsheet Reader from a source checkout: `python main.py`."""

from reader.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
