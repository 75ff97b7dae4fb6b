"""The central's commands without a whole kiosk: they wait for the visit to end, then are
carried out in the order they came, remembered for the technician and audited."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.audit.log import AuditLog, parse_line
from kiosk.uplink.client import CentralClient
from kiosk.uplink.commands import CommandRunner, Orders
from kiosk.uplink.heartbeat import Command, CommandType, Heartbeat

NOWHERE = "http://127.0.0.1:9"  # never asked: these tests do not beat
UNTIL = "2026-11-23T06:00:00+08:00"  # handed on as it came: the flow judges it


def test_commands_wait_for_the_visit_to_end_then_run_in_order(tmp_path, clock) -> None:
    done: list[str] = []
    visiting = [True]
    orders = Orders(idle=lambda: not visiting[0],
                    refresh_catalog=lambda: done.append("refresh"),
                    set_out_of_service=lambda code, until: done.append(f"service {code} {until}"),
                    print_test_page=lambda why: done.append(why),
                    restart=lambda: None)
    posted: list[Callable[[], None]] = []
    audit = AuditLog(tmp_path / "audit.jsonl", clock)
    heartbeat = Heartbeat(CentralClient(NOWHERE), dict, lambda _commands: None, interval_s=60)
    runner = CommandRunner(heartbeat, orders, post=posted.append, audit=audit)

    runner.received([Command("c1", CommandType.OUT_OF_SERVICE, {"reason": "floor works",
                                                              "until": UNTIL}),
                     Command("c2", CommandType.PRINT_TEST_PAGE)])
    assert runner.waiting == 0 and len(posted) == 1  # nothing happens off the GUI thread
    posted.pop()()
    assert (runner.waiting, done) == (2, [])  # a citizen is at the screen

    visiting[0] = False
    runner.run()
    assert done == [f"service out_of_service {UNTIL}", "command print_test_page"]
    assert runner.waiting == 0 and [c.id for c in runner.done] == ["c1", "c2"]
    audit.close()
    records = [parse_line(line) for line in audit.path.read_bytes().splitlines(keepends=True)]
    assert [(r["event"], r["fields"]["id"]) for r in records] == [
        ("command_executed", "c1"), ("command_executed", "c2")]


def test_a_restart_waits_for_the_central_to_have_its_acknowledgement(tmp_path, clock) -> None:
    """Else the restarted kiosk would be told to restart again."""
    restarts: list[str] = []
    posted: list[Callable[[], None]] = []
    orders = Orders(idle=lambda: True, refresh_catalog=lambda: None,
                    set_out_of_service=lambda _code, _until: None,
                    print_test_page=lambda _why: None,
                    restart=lambda: lambda: restarts.append("restart"))
    heartbeat = Heartbeat(CentralClient(NOWHERE), dict, lambda _commands: None, interval_s=60)
    runner = CommandRunner(heartbeat, orders, post=posted.append,
                           audit=AuditLog(tmp_path / "audit.jsonl", clock))
    runner.received([Command("c1", CommandType.RESTART_APP)])
    posted.pop()()
    assert [c.id for c in runner.done] == ["c1"]
    assert (posted, restarts) == ([], [])  # no beat has carried the acknowledgement yet
