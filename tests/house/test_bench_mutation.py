"""`python -m bench.mutation` sets a run up as it says, and reports what mutmut found.

The run itself takes minutes of both cores and never runs here; these check
its command line, the scratch project it hands mutmut and the figure it
prints from mutmut's own counts.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bench.mutation import (
    CASE_ONLY,
    PACKAGES,
    ROOT,
    TARGETS,
    judged,
    parse,
    prepare,
    report,
    survivors,
)


def test_by_default_the_three_promise_keeping_targets_run_on_two_children() -> None:
    options = parse([])
    assert (options.module, options.max_children) == (["offline_queue", "uplink", "visit"], 2)
    options = parse(["--module", "codecs", "--module", "uplink", "--max-children", "1"])
    assert (options.module, options.max_children, options.again) == (["codecs", "uplink"], 1,
                                                                     False)
    assert parse(["--again"]).again


def test_an_unknown_target_is_refused(capsys) -> None:
    with pytest.raises(SystemExit):
        parse(["--module", "everything"])
    assert "invalid choice: 'everything'" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_each_target_names_files_and_tests_that_exist(name: str) -> None:
    target = TARGETS[name]
    for pattern in target.mutate:
        assert list(ROOT.glob(pattern)), pattern
    for tests in target.tests:
        assert (ROOT / tests).exists(), tests


def test_the_scratch_project_keeps_the_suites_settings_and_adds_mutmuts(
        tmp_path: Path) -> None:
    folder = prepare("uplink", TARGETS["uplink"], scratch=tmp_path)
    settings = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    mutmut = settings["tool"]["mutmut"]
    assert mutmut["only_mutate"] == list(TARGETS["uplink"].mutate)
    assert mutmut["pytest_add_cli_args_test_selection"] == list(TARGETS["uplink"].tests)
    assert "not slow" in mutmut["pytest_add_cli_args"]
    assert settings["tool"]["pytest"]["ini_options"]["qt_api"] == "pyside6"
    for package in PACKAGES:
        assert (folder / package).resolve() == ROOT / package


def test_the_report_counts_timeouts_as_killed_and_lists_the_survivors() -> None:
    listing = ("    offline_queue.spool.x_put__mutmut_3: survived\n"
               "    offline_queue.spool.x_put__mutmut_4: timeout\n"
               "    offline_queue.refs.x_read__mutmut_1: no tests\n")
    stats = {"killed": 86, "survived": 1, "total": 100, "no_tests": 1, "skipped": 10,
             "suspicious": 0, "timeout": 2}
    text = report("offline_queue", stats, survivors(listing))
    assert text.splitlines() == [
        "offline_queue: 88 of 90 mutants killed (97.8 %); survived 1, no tests 1, timeout 2, "
        "suspicious 0",
        "offline_queue: less 0 that only change the case of SQL: 88 of 90 killed (97.8 %)",
        "  offline_queue.spool.x_put__mutmut_3 (survived)",
        "  offline_queue.refs.x_read__mutmut_1 (no tests)"]


def test_a_survivor_that_only_changes_the_case_of_sql_is_marked_equivalent() -> None:
    sql = ('--- offline_queue/spool.py\n+++ offline_queue/spool.py\n@@ -1 +1 @@\n'
           '-    where = "WHERE state = ?"\n+    where = "where state = ?"\n')
    message = ('--- offline_queue/keyring.py\n+++ offline_queue/keyring.py\n@@ -1 +1 @@\n'
               '-    raise SpoolKeyError("key file is missing")\n'
               '+    raise SpoolKeyError("KEY FILE IS MISSING")\n')
    assert judged(sql) == f'`where = "WHERE state = ?"` -> `where = "where state = ?"` ' \
                          f'({CASE_ONLY})'
    assert CASE_ONLY not in judged(message)
