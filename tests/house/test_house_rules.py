"""The rules of DESIGN.md that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def test_dependency_rule_holds() -> None:
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_is_clean() -> None:
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


# Every package the project ships or runs, tests aside.
FIRST_PARTY = ("kiosk", "drivers", "ui", "offline_queue", "config", "central", "rig", "bench",
               "tools")
LONGEST_FUNCTION = 60
# The one crossing the layers allow, reviewed: the `demo` command wires the rig.
NAMED_EXCEPTIONS = {"ui.demo -> rig.demo"}


def _functions(path: Path) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def test_no_function_is_longer_than_a_screen() -> None:
    long = [f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)"
            for package in FIRST_PARTY for path in sorted((ROOT / package).rglob("*.py"))
            for node in _functions(path)
            if (length := node.end_lineno - node.lineno + 1) > LONGEST_FUNCTION]
    assert long == []


def test_the_import_contracts_allow_no_indirect_import_and_only_named_exceptions() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["importlinter"]["contracts"]
    assert all(not contract.get("allow_indirect_imports", False) for contract in contracts)
    ignored = {rule for contract in contracts for rule in contract.get("ignore_imports", [])}
    assert ignored <= NAMED_EXCEPTIONS


def test_nothing_in_the_repository_reads_beside_it() -> None:
    """A clone stands alone: the contract and the test data are its own copies."""
    beside = re.compile(r"\.\./" + "shared" + r'|/ "' + "shared" + '"')  # not found in itself
    sources = [name for name in run("git", "ls-files").stdout.split()
               if Path(name).suffix in {".py", ".sh", ".toml", ".service", ".md"}]
    assert [name for name in sources
            if beside.search((ROOT / name).read_text(encoding="utf-8"))] == []
