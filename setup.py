"""Packaging beside pyproject.toml: ship the top-level pipelines/ and models/ folders inside the wheel.

They stay at the repository's top level, where a reader looks for them, and are copied into the wheel as
``redactor/_pipelines`` and ``redactor/_models``; ``redactor/paths.py`` finds them there with
importlib.resources, or at the top level in a source tree (an editable install puts the repository on
sys.path with a plain .pth file, so the checkout's own folders are used and edits show at once).
"""

import shutil
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

DATA_DIRS = {"pipelines": "_pipelines", "models": "_models"}


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for source, target in DATA_DIRS.items():
            shutil.copytree(source, Path(self.build_lib, "redactor", target), dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))


# every folder is a package (review/static holds only data), so setuptools ships each and warns about none
PACKAGES = find_namespace_packages(include=["redactor", "redactor.*"], exclude=["*.__pycache__"])

setup(packages=PACKAGES, package_dir={"": "."}, cmdclass={"build_py": BuildPyWithData})
