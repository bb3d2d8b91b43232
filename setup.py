"""Build step of kg's wheel: copy the third-party data of the explore page from node_modules/ into it.

The metadata is in pyproject.toml. package.json names the npm packages and `npm ci` installs them
(make runs it); building the wheel runs `npm ci` itself when node_modules/ lacks them. The files
land in the wheel (kg/explore/vendor/), never in the repository, so an installed kg needs neither
npm nor the network. A source distribution carries the same copies, so a wheel built from it needs
no npm either.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
VENDORED = {"world-atlas": ("countries-110m.json", "LICENSE")}  # as kg/explore/assets.py reads them


def _source(package: str, name: str) -> Path:
    for path in (HERE / "kg" / "explore" / "vendor" / package / name, HERE / "node_modules" / package / name):
        if path.is_file():
            return path
    if not shutil.which("npm"):
        raise SystemExit(f"kg: building kg needs {package}/{name} from npm: install Node.js and npm, "
                         "or run `npm ci` in the checkout first")
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return HERE / "node_modules" / package / name


def copy_vendored(dest: Path) -> None:
    """Copy the npm files kg uses into dest/PACKAGE/NAME."""
    for package, names in VENDORED.items():
        for name in names:
            target = dest / package / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_source(package, name), target)


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # an editable install reads node_modules/ in place
            copy_vendored(Path(self.build_lib) / "kg" / "explore" / "vendor")


class SDist(sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        copy_vendored(Path(base_dir) / "kg" / "explore" / "vendor")


setup(cmdclass={"build_py": BuildPy, "sdist": SDist})
