"""A mutation run's tests in the order its target lists them (a pytest plugin).

mutmut hands pytest the tests that reached a mutant as a set, so they run in no
useful order; with -x a mutant is done at the first test that fails. A target
lists its focused tests (a hostile central on loopback, a second apiece) before
the ones that start the reference central or a kiosk, so a mutant the focused
ones kill costs a second, not the minute of a slow test that happened to come
first. Loaded by bench.mutation's runs only (`-p bench.mutation_order`); the
order is read from the [tool.mutmut] table of the run's own pyproject.toml.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest


def listed_paths(pyproject: Path | None) -> list[str]:
    """The test paths the run's [tool.mutmut] table selects, in its order."""
    if pyproject is None or pyproject.name != "pyproject.toml":
        return []
    settings = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    mutmut = settings.get("tool", {}).get("mutmut", {})
    return list(mutmut.get("pytest_add_cli_args_test_selection", []))


def rank(nodeid: str, paths: list[str]) -> int:
    """Where the test `nodeid` comes in `paths` (after all of them when none holds it)."""
    file = nodeid.split("::", 1)[0]
    return next((at for at, path in enumerate(paths)
                 if file == path or file.startswith(path.rstrip("/") + "/")), len(paths))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    paths = listed_paths(config.inipath)
    items.sort(key=lambda item: rank(item.nodeid, paths))  # stable: a file keeps its order
