"""The audit log's chain: what is written, and every kind of tampering verify() must name."""

from __future__ import annotations

import errno
import hashlib
import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.audit.log import GENESIS, AuditEvent, AuditLog, anchor_path, verify


def canonical(record: dict) -> bytes:
    """The line format as documented, computed here independently of the module."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def rewrite(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(lines))


def sealed(record: dict) -> bytes:
    """A forger's line: seq, prev and hash all computed as the kiosk computes them."""
    record["hash"] = sha256(canonical(record))
    return canonical(record) + b"\n"


# --- what is written ------------------------------------------------------------------------

def test_each_line_is_numbered_timed_and_chained_to_the_one_before(written: Path) -> None:
    lines = lines_of(written)
    records = [json.loads(line) for line in lines]

    assert [r["seq"] for r in records] == [1, 2, 3, 4, 5]
    assert [r["event"] for r in records] == ["visit_started", "submission_spooled",
                                             "visit_ended", "submission_delivered",
                                             "command_executed"]
    assert records[0]["time"] == "2026-11-23T03:00:00.000+08:00"
    assert datetime.fromisoformat(records[3]["time"]).utcoffset() is not None
    assert records[1]["fields"] == {"local_ref": "K0107-20261123-0001",
                                    "item_code": "440106-GAJ-001"}
    assert records[0]["prev"] == GENESIS
    for line, record in zip(lines, records[1:], strict=False):
        assert record["prev"] == sha256(line.rstrip(b"\n"))
    for record in records:
        body = {key: value for key, value in record.items() if key != "hash"}
        assert record["hash"] == sha256(canonical(body))
    assert json.loads(anchor_path(written).read_text()) == {"seq": 5, "hash": records[-1]["hash"]}


def test_an_intact_log_verifies(written: Path) -> None:
    result = verify(written)
    assert result.ok and result.records == 5 and result.repairs == 0
    assert str(result) == "intact: 5 records"


def test_reopening_continues_the_chain(written: Path, open_log: Callable[[], AuditLog]) -> None:
    record = open_log().record(AuditEvent.APP_STARTED, version="0.1.0")

    assert record["seq"] == 6
    assert record["prev"] == sha256(lines_of(written)[4].rstrip(b"\n"))
    assert verify(written).ok


def test_the_log_and_its_anchor_are_readable_by_the_kiosk_only(written: Path) -> None:
    assert written.stat().st_mode & 0o777 == 0o600
    assert anchor_path(written).stat().st_mode & 0o777 == 0o600


def test_an_empty_log_verifies_and_a_missing_one_does_not(open_log, log_path: Path) -> None:
    assert not verify(log_path).ok
    assert "no audit log" in verify(log_path).reason
    open_log()
    assert verify(log_path).ok


def test_unknown_events_and_times_without_offset_are_refused(log_path: Path, names) -> None:
    with AuditLog(log_path, lambda: datetime(2026, 11, 23, 3, 0), names=names) as naive:
        with pytest.raises(ValueError, match="offset"):
            naive.record(AuditEvent.VISIT_STARTED)
        with pytest.raises(ValueError):
            naive.record("visit_paused")  # type: ignore[arg-type]
    assert log_path.read_bytes() == b""


# --- tampering ------------------------------------------------------------------------------

def _edit_a_field(lines: list[bytes]) -> None:
    lines[1] = lines[1].replace(b"K0107-20261123-0001", b"K0107-20261123-0009")


def _edit_and_reseal(lines: list[bytes]) -> None:
    record = json.loads(lines[1])
    record["fields"]["item_code"] = "440106-GAJ-002"
    del record["hash"]
    lines[1] = sealed(record)


def _reformat(lines: list[bytes]) -> None:
    lines[2] = json.dumps(json.loads(lines[2]), indent=None).encode() + b"\n"


def _delete(lines: list[bytes]) -> None:
    del lines[2]


def _swap(lines: list[bytes]) -> None:
    lines[1], lines[2] = lines[2], lines[1]


def _insert_forged(lines: list[bytes]) -> None:
    forged = {"seq": 3, "time": "2026-11-23T03:00:41.000+08:00", "event": "technician_login",
              "fields": {"badge": "04A1B2C3"}, "prev": sha256(lines[1].rstrip(b"\n"))}
    lines.insert(2, sealed(forged))


@pytest.mark.parametrize(("tamper", "line", "why"), [
    (_edit_a_field, 2, "hash does not match"),
    (_edit_and_reseal, 3, "prev does not match"),
    (_reformat, 3, "changed by hand"),
    (_delete, 3, "seq 4 where 3 was due"),
    (_swap, 2, "seq 3 where 2 was due"),
    (_insert_forged, 4, "seq 3 where 4 was due"),
], ids=["edit", "edit-and-reseal", "reformat", "delete", "swap", "insert"])
def test_tampering_names_the_first_bad_line(written: Path, tamper, line: int, why: str) -> None:
    lines = lines_of(written)
    tamper(lines)
    rewrite(written, lines)

    result = verify(written)

    assert not result.ok
    assert result.line == line and result.records == line - 1
    assert why in result.reason
    assert f"line {line}: " in str(result)


def test_lines_cut_off_the_end_are_caught_by_the_anchor(written: Path) -> None:
    rewrite(written, lines_of(written)[:3])

    result = verify(written)

    assert not result.ok and result.line is None and result.records == 3
    assert "ends at seq 3 but its anchor records seq 5: 2 line(s) were removed" in result.reason


def test_a_rewritten_tail_disagrees_with_the_anchor(written: Path) -> None:
    lines = lines_of(written)
    last = json.loads(lines[4])
    del last["hash"]
    last["fields"]["command"] = "in_service"
    lines[4] = sealed(last)
    rewrite(written, lines)

    result = verify(written)

    assert (result.ok, result.line) == (False, 5)
    assert "anchor" in result.reason


def test_a_missing_anchor_is_reported(written: Path) -> None:
    anchor_path(written).unlink()
    result = verify(written)
    assert not result.ok and "audit.jsonl.anchor is missing" in result.reason


@pytest.mark.parametrize("content", [b"{}", b"", b'{"seq":"five","hash":"x"}'])
def test_an_unreadable_anchor_is_reported(written: Path, content: bytes) -> None:
    anchor_path(written).write_bytes(content)
    assert verify(written).reason == f"{anchor_path(written)} is not an anchor"


def test_an_unreadable_anchor_does_not_stop_the_kiosk(written: Path, open_log) -> None:
    anchor_path(written).write_bytes(b"")
    open_log().record(AuditEvent.APP_STARTED)
    assert verify(written).ok


def test_a_log_truncated_and_reopened_records_the_loss(written: Path, open_log) -> None:
    rewrite(written, lines_of(written)[:3])

    audit = open_log()

    repair = json.loads(lines_of(written)[-1])
    assert repair["seq"] == 4 and repair["event"] == "audit_log_repaired"
    assert repair["fields"] == {"reason": "ends_before_anchor", "anchor_seq": 5, "after_seq": 3}
    assert audit.record(AuditEvent.APP_STARTED)["seq"] == 5
    result = verify(written)
    assert result.ok and result.repairs == 1
    assert str(result) == "intact: 5 records, 1 repair(s) recorded"


# --- crash mid-write ------------------------------------------------------------------------

@pytest.mark.parametrize("torn", [
    b'{"event":"visit_started","fields":{},"ha',  # cut short
    b"\x00" * 180,  # the blocks allocated, their data never written
    b'{"event":"visit_st\n',  # a newline, but no record
], ids=["prefix", "zeros", "bad-json"])
def test_a_torn_last_line_is_set_aside_and_the_chain_goes_on(
        written: Path, open_log, torn: bytes) -> None:
    with written.open("ab") as f:
        f.write(torn)
    broken = verify(written)
    assert (broken.ok, broken.line) == (False, 6)

    audit = open_log()

    side = written.with_name("audit.jsonl.torn-1")
    assert side.read_bytes() == torn
    lines = lines_of(written)
    assert len(lines) == 6
    repair = json.loads(lines[5])
    assert repair["event"] == "audit_log_repaired"
    assert repair["fields"] == {"reason": "torn_write", "moved_to": "audit.jsonl.torn-1",
                                "bytes": len(torn), "after_seq": 5}
    assert repair["prev"] == sha256(lines[4].rstrip(b"\n"))
    assert audit.record(AuditEvent.VISIT_STARTED)["seq"] == 7
    assert verify(written).ok


def test_a_second_repair_keeps_the_first_side_file(written: Path, open_log) -> None:
    for number, torn in enumerate((b'{"seq":', b'{"seq":7,'), start=1):
        with written.open("ab") as f:
            f.write(torn)
        open_log()
        assert written.with_name(f"audit.jsonl.torn-{number}").read_bytes() == torn
    assert verify(written).repairs == 2


def test_a_write_the_disk_refuses_leaves_no_half_line(written: Path) -> None:
    """A file-size limit lets the line's first bytes in and refuses the rest, as a full
    disk does; the process then goes on and must not leave them in the log."""
    script = textwrap.dedent("""
        import resource, signal, sys
        from datetime import datetime, timezone
        from pathlib import Path
        from kiosk.audit.log import AuditEvent, AuditLog

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        path = Path(sys.argv[1])
        audit = AuditLog(path, lambda: datetime.now(timezone.utc))
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        resource.setrlimit(resource.RLIMIT_FSIZE, (path.stat().st_size + 40, hard))
        try:
            audit.record(AuditEvent.VISIT_STARTED)
        except OSError as exc:
            print(exc.errno)
    """)
    before = written.read_bytes()

    child = subprocess.run([sys.executable, "-c", script, str(written)], capture_output=True,
                           text=True, check=True, timeout=60)

    assert child.stdout.strip() == str(errno.EFBIG)
    assert written.read_bytes() == before
    assert verify(written).ok


# --- concurrency ----------------------------------------------------------------------------

def test_threads_appending_at_once_keep_the_chain(open_log, log_path: Path) -> None:
    audit = open_log()
    start = threading.Barrier(8)

    def visits(worker: int) -> None:
        start.wait()
        for n in range(25):
            audit.record(AuditEvent.SUBMISSION_SPOOLED, local_ref=f"K0107-20261123-{worker}{n:03d}")

    threads = [threading.Thread(target=visits, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    result = verify(log_path)
    assert result.ok and result.records == 200


def test_two_writers_on_one_file_continue_each_others_chain(open_log, log_path: Path) -> None:
    """The running app and a technician's command each hold the log open."""
    app, command = open_log(), open_log()
    app.record(AuditEvent.APP_STARTED)
    command.record(AuditEvent.PROVISIONED, device_id="K0107-0001")
    app.record(AuditEvent.VISIT_STARTED)
    command.record(AuditEvent.TECHNICIAN_ACTION, action="spool_export", count=2)

    assert [json.loads(line)["seq"] for line in lines_of(log_path)] == [1, 2, 3, 4]
    assert verify(log_path).ok
