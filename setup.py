"""Build hook: the wheel carries the top-level content/ and resources/ folders as package data.

They stay at the top of the repository, where editors and the packaging scripts expect them;
building copies them into the package as reader/_bundled/content and reader/_bundled/resources,
where reader/paths.py finds them in an installed copy. Everything else is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("content", "resources")


class BuildPyWithBundledData(build_py):
    """build_py that also copies content/ and resources/ into reader/_bundled/."""

    def run(self):
        super().run()
        for name in BUNDLED:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"cannot build: the {name}/ folder is missing from {ROOT}")
            self.copy_tree(str(source), str(Path(self.build_lib, "reader", "_bundled", name)))

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        for name in BUNDLED:
            outputs += [str(Path(self.build_lib, "reader", "_bundled", name, p.relative_to(ROOT / name)))
                        for p in (ROOT / name).rglob("*") if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithBundledData})
