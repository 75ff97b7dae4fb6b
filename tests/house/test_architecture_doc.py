"""docs/ARCHITECTURE.md names only what exists.

The walk through the house is worth reading only while its names are true:
every path, module, class member and function it puts in backticks is looked
up here, so a rename that forgets the document fails the suite.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ARCHITECTURE.md"
PACKAGES = ("kiosk", "drivers", "ui", "offline_queue", "config", "central", "rig")
FILE = re.compile(r"^[\w.-]+(/[\w.-]+)*(/|\.(py|toml|yaml|json|md|service|sh|qml))$")
MODULE = re.compile(rf"^({'|'.join(PACKAGES)})(\.\w+)+$")
MEMBER = re.compile(r"^([A-Z]\w*)\.(\w+)(\(\))?$")
FUNCTION = re.compile(r"^(\w+)\(\)$")


def _names() -> list[str]:
    return sorted(set(re.findall(r"`([^`\n]+)`", DOC.read_text(encoding="utf-8"))))


def _definitions() -> tuple[dict[str, set[str]], set[str]]:
    """Every first-party class with the names it defines, and every function name."""
    classes: dict[str, set[str]] = {}
    functions: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef):
                    members = classes.setdefault(node.name, set())
                    for item in node.body:
                        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                            members.add(item.name)
                        elif isinstance(item, ast.AnnAssign | ast.Assign):
                            targets = [item.target] if isinstance(item, ast.AnnAssign) \
                                else item.targets
                            members.update(t.id for t in targets if isinstance(t, ast.Name))
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    functions.add(node.name)
    return classes, functions


CLASSES, FUNCTIONS = _definitions()


def _exists(name: str) -> bool | None:
    """Whether the thing `name` names exists; None where `name` names no code."""
    if FILE.match(name):
        return (ROOT / name).exists()
    if MODULE.match(name):
        return importlib.util.find_spec(name) is not None
    if member := MEMBER.match(name):
        return member.group(2) in CLASSES.get(member.group(1), set())
    if function := FUNCTION.match(name):
        return function.group(1) in FUNCTIONS
    return None


def test_the_document_names_code() -> None:
    assert sum(_exists(name) is not None for name in _names()) >= 40


@pytest.mark.parametrize("name", [n for n in _names() if _exists(n) is not None])
def test_each_name_exists(name: str) -> None:
    assert _exists(name), f"docs/ARCHITECTURE.md names `{name}`, which does not exist"
