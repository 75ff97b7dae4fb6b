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
    sql_case_only,
    statuses,
)
from bench.mutation_order import listed_paths, rank


def test_by_default_the_three_promise_keeping_targets_run_on_two_children() -> None:
    options = parse([])
    assert (options.module, options.max_children) == (["offline_queue", "uplink", "visit"], 2)
    options = parse(["--module", "codecs", "--module", "uplink", "--max-children", "1"])
    assert (options.module, options.max_children, options.again) == (["codecs", "uplink"], 1,
                                                                     False)
    assert parse(["--again"]).again and parse(["--focus-only"]).focus_only
    assert parse(["--resume"]).resume and not parse([]).resume
    assert parse(["--only", "a.*", "--only", "b.*"]).only == ["a.*", "b.*"]


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
    assert "bench.mutation_order" in mutmut["pytest_add_cli_args"]
    assert settings["tool"]["pytest"]["ini_options"]["qt_api"] == "pyside6"
    for package in PACKAGES:
        assert (folder / package).resolve() == ROOT / package


def test_the_report_counts_timeouts_as_killed_leaves_out_equivalents_and_lists_survivors(
        ) -> None:
    listing = ("    kiosk.visit.transitions.x_checked__mutmut_1: killed\n"
               "    kiosk.visit.transitions.x_checked__mutmut_2: timeout\n"
               "    kiosk.visit.flow.xǁVisitFlowǁ_move__mutmut_1: survived\n"
               "    kiosk.visit.flow.xǁVisitFlowǁ_move__mutmut_2: skipped\n"
               "    kiosk.visit.flow.xǁVisitFlowǁrate__mutmut_1: no tests\n"
               "    kiosk.visit.flow.xǁVisitFlowǁrate__mutmut_2: survived\n")
    found = statuses(listing)
    judged_lines = {"kiosk.visit.flow.xǁVisitFlowǁ_move__mutmut_1": f"`a` -> `A` ({CASE_ONLY})",
                    "kiosk.visit.flow.xǁVisitFlowǁrate__mutmut_1": "`x` -> `None`",
                    "kiosk.visit.flow.xǁVisitFlowǁrate__mutmut_2": "`y` -> `None`"}
    text = report("visit", TARGETS["visit"], found, judged_lines)
    assert text.splitlines() == [
        "visit: 2 of 5 mutants killed (40.0 %); 1 equivalent (case of SQL) left out: 2 of 4 "
        "(50.0 %); survived 2, no tests 1, timeout 1, not checked 0",
        "visit (the table and the flow's moves): 2 of 3 mutants killed (66.7 %); 1 "
        "equivalent (case of SQL) left out: 2 of 2 (100.0 %); survived 1, no tests 0, "
        "timeout 1, not checked 0",
        f"  kiosk.visit.flow.xǁVisitFlowǁ_move__mutmut_1 (survived): `a` -> `A` ({CASE_ONLY})",
        "  kiosk.visit.flow.xǁVisitFlowǁrate__mutmut_1 (no tests): `x` -> `None`",
        "  kiosk.visit.flow.xǁVisitFlowǁrate__mutmut_2 (survived): `y` -> `None`"]


def test_a_survivor_that_only_changes_the_case_of_sql_is_marked_equivalent() -> None:
    sql = ('--- offline_queue/spool.py\n+++ offline_queue/spool.py\n@@ -1 +1 @@\n'
           '-    where = "WHERE state = ?"\n+    where = "where state = ?"\n')
    message = ('--- offline_queue/keyring.py\n+++ offline_queue/keyring.py\n@@ -1 +1 @@\n'
               '-    raise SpoolKeyError("key file is missing")\n'
               '+    raise SpoolKeyError("KEY FILE IS MISSING")\n')
    assert judged(sql) == f'`where = "WHERE state = ?"` -> `where = "where state = ?"` ' \
                          f'({CASE_ONLY})'
    assert CASE_ONLY not in judged(message)


@pytest.mark.parametrize(("before", "after", "equivalent"), [
    ('conn.execute("UPDATE meta SET value = ? WHERE name = ?")',
     'conn.execute("update meta set value = ? where name = ?")', True),
    ('" WHERE local_ref = ?", (local_ref,)', '" WHERE LOCAL_REF = ?", (local_ref,)', True),
    ('self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")',
     'self._conn.execute("pragma wal_checkpoint(passive)")', True),
    ('state=EntryState(row["state"])', 'state=EntryState(row["STATE"])', True),
    ('"restore it from backup (a new key cannot open the spool)")',
     '"RESTORE IT FROM BACKUP (A NEW KEY CANNOT OPEN THE SPOOL)")', False),
    ('return hmac.digest(mac_key, applicant_id.upper().encode(), "sha256")',
     'return hmac.digest(mac_key, applicant_id.upper().encode(), "SHA256")', False),
    ('applicant_id.strip().upper()', 'applicant_id.strip().lower()', False),
    ('" VALUES (?, ?, ?, \'opening\', ?, ?)",', '" values (?, ?, ?, \'opening\', ?, ?)",', True),
    ('conn.execute("ROLLBACK")', 'conn.execute("rollback")', True),
    ('" x = CASE WHEN ? = \'closed\' THEN NULL ELSE x END"',
     '" x = case when ? = \'closed\' then null else x end"', True),
    ('" (\'opening\', \'paid\') ORDER BY created_at, key")',
     '" (\'opening\', \'paid\') order by created_at, key")', True),
    ('self._requeue("id = ?", (entry_id,))', 'self._requeue("ID = ?", (entry_id,))', True),
    ('raise ValueError("when the order came by, then")',
     'raise ValueError("WHEN THE ORDER CAME BY, THEN")', False),
])
def test_only_sql_text_and_row_keys_count_as_case_only(before, after, equivalent) -> None:
    assert sql_case_only(before, after) is equivalent


def test_the_uplink_parts_together_mutate_what_the_whole_uplink_target_does() -> None:
    parts = [TARGETS[f"uplink-{part}"] for part in ("transport", "client", "sync")]
    assert sorted(pattern for part in parts for pattern in part.mutate) == sorted(
        TARGETS["uplink"].mutate)
    assert all(part.tests[0].endswith(("test_transport.py", "test_client_answers.py",
                                       "test_sync_worker.py")) for part in parts)


def test_a_runs_tests_come_in_the_order_its_target_lists_them(tmp_path: Path) -> None:
    folder = prepare("uplink-client", TARGETS["uplink-client"], scratch=tmp_path)
    paths = listed_paths(folder / "pyproject.toml")
    assert paths == list(TARGETS["uplink-client"].tests)
    nodeids = ["tests/kiosk/uplink/test_heartbeat.py::test_a",
               "tests/kiosk/uplink/test_client_answers.py::test_b",
               "tests/kiosk/uplink/test_client_answers.py::test_a",
               "tests/kiosk/other/test_x.py::test_c",
               "tests/kiosk/uplink/test_client_requests.py::test_d"]
    assert sorted(nodeids, key=lambda nodeid: rank(nodeid, paths)) == [
        "tests/kiosk/uplink/test_client_answers.py::test_b",
        "tests/kiosk/uplink/test_client_answers.py::test_a",
        "tests/kiosk/uplink/test_client_requests.py::test_d",
        "tests/kiosk/uplink/test_heartbeat.py::test_a",
        "tests/kiosk/other/test_x.py::test_c"]
    assert rank("tests/kiosk/uplink/test_sync_worker.py::t", ["tests/kiosk"]) == 0
    assert rank("tests/kiosk_other/test_x.py::t", ["tests/kiosk"]) == 1


def test_without_a_mutmut_table_the_order_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    assert listed_paths(tmp_path / "pyproject.toml") == []
    assert listed_paths(None) == []
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    assert listed_paths(tmp_path / "pytest.ini") == []
