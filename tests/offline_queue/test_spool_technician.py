"""Technician operations: list, retry, export for hand delivery, import, and their CLI."""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path

import pytest
from spool_helpers import START, submission

from kiosk.audit.log import AuditLog
from kiosk.cli.spool import add_spool_commands
from offline_queue import EntryState, Spool, SpoolImportError, SpoolStateError
from offline_queue.handover import FORMAT
from offline_queue.refs import ceiling_path

PROBLEM = {"title": "Unprocessable", "status": 422,
           "errors": [{"field": "phone", "message": "bad"}]}


def _with_dead(spool: Spool, count: int = 2) -> list[str]:
    ids = [spool.put(submission(f"申请人{n}"), item_code="A", applicant_id=f"ID{n}").id
           for n in range(count)]
    for entry in spool.claim_due(count):
        spool.mark_dead(entry.id, problem=PROBLEM)
    return ids


def test_list_shows_no_personal_data(spool: Spool) -> None:
    _with_dead(spool, 1)
    spool.put(submission(), item_code="B")
    listing = spool.list_entries()
    assert [(e.local_ref, e.state) for e in listing] == [
        ("K0107-20261123-0001", EntryState.DEAD), ("K0107-20261123-0002", EntryState.PENDING)]
    assert "申请人" not in repr(listing) and "张三" not in repr(listing)
    assert [e.local_ref for e in spool.list_entries("dead")] == ["K0107-20261123-0001"]


def test_retry_brings_a_dead_entry_back_under_the_same_id(spool: Spool) -> None:
    ids = _with_dead(spool, 3)
    spool.retry(ids[0])
    assert [e.id for e in spool.claim_due(10)] == [ids[0]]
    assert spool.retry_dead() == 2
    assert sorted(e.id for e in spool.claim_due(10)) == sorted(ids[1:])
    with pytest.raises(SpoolStateError):
        spool.retry(ids[0])  # in flight


def test_export_writes_decrypted_json_lines_with_mode_0600(spool, tmp_path) -> None:
    ids = _with_dead(spool)
    spool.put(submission("不导出"), item_code="B")
    out = tmp_path / "dead.jsonl"

    assert spool.export(out, state="dead") == 2

    assert out.stat().st_mode & 0o777 == 0o600
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ids
    assert records[0]["format"] == FORMAT
    assert records[0]["payload"]["applicant"]["name"] == "申请人0"
    assert records[0]["applicant_id"] == "ID0" and records[0]["problem"] == PROBLEM
    with pytest.raises(FileExistsError):
        spool.export(out)


def test_import_round_trip_is_idempotent_by_id(make_spool, spool, tmp_path, clock) -> None:
    ids = _with_dead(spool)
    out = tmp_path / "dead.jsonl"
    spool.export(out)
    other = Spool(tmp_path / "other.db", tmp_path / "other.key", device_prefix="K0200",
                  clock=clock)
    try:
        first = other.import_file(out)
        second = other.import_file(out)

        assert (first.added, first.skipped) == (2, 0)
        assert (second.added, second.skipped) == (0, 2)
        moved = other.get(ids[1])
        assert moved.state == EntryState.DEAD and moved.local_ref == "K0107-20261123-0002"
        assert moved.payload == submission("申请人1") and moved.problem == PROBLEM
        assert moved.created_at == START
        assert [s.local_ref for s in other.find_by_applicant("ID1")] == [moved.local_ref]
        other.retry_dead()
        assert sorted(e.id for e in other.claim_due(10)) == sorted(ids)
    finally:
        other.close()


def test_importing_own_references_moves_the_daily_sequence_past_them(make_spool, spool,
                                                                     tmp_path, db_path) -> None:
    _with_dead(spool, 3)
    out = tmp_path / "dead.jsonl"
    spool.export(out)
    spool.close()
    for leftover in [*db_path.parent.glob("spool.db*"), ceiling_path(db_path)]:
        leftover.unlink()  # e.g. a replacement device under the same prefix, state lost

    fresh = make_spool()
    fresh.import_file(out)

    assert fresh.put({}, item_code="A").local_ref == "K0107-20261123-0004"


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda r: r.update(id="not-a-uuid"), "UUID"),
    (lambda r: r.update(created_at="2026-11-23T03:00:00"), "offset"),
    (lambda r: r.update(state="lost"), "unknown state"),
    (lambda r: r.update(attempts="3"), "wrong type"),
    (lambda r: r.update(state="pending", payload=None), "needs its payload"),
    (lambda r: r.pop("local_ref"), "missing"),
    (lambda r: r.update(extra=1), "unknown"),
    (lambda r: r.update(format="something else"), "not an"),
])
def test_a_bad_line_is_named_and_nothing_is_imported(spool, tmp_path, mutate, message) -> None:
    _with_dead(spool)
    out = tmp_path / "dead.jsonl"
    spool.export(out)
    lines = out.read_text().splitlines()
    record = json.loads(lines[1])
    record["id"] = str(uuid.uuid4())
    mutate(record)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**record, "id": str(uuid.uuid4())}) + "\n" + json.dumps(record))
    before = spool.stats()

    with pytest.raises(SpoolImportError, match=message) as refused:
        spool.import_file(bad)

    assert f"{bad}:" in str(refused.value)
    assert spool.stats() == before


def test_a_reference_clash_imports_nothing(spool, tmp_path) -> None:
    _with_dead(spool, 1)
    out = tmp_path / "dead.jsonl"
    spool.export(out)
    record = json.loads(out.read_text())
    record["id"] = str(uuid.uuid4())  # same local_ref, another entry
    clash = tmp_path / "clash.jsonl"
    clash.write_text(json.dumps(record) + "\n")
    with pytest.raises(SpoolImportError, match="K0107-20261123-0001"):
        spool.import_file(clash)
    assert spool.stats().dead == 1


def _cli(make_spool, argv: list[str], audit: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_spool_commands(parser.add_subparsers(dest="command", required=True),
                       lambda: make_spool(recover_in_flight=False),
                       lambda: AuditLog(audit or Path("/nonexistent/audit.jsonl"),
                                        lambda: START))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_cli_status_list_retry_export_import(make_spool, tmp_path: Path, capsys) -> None:
    spool = make_spool()
    ids = _with_dead(spool)
    spool.close()

    assert _cli(make_spool, ["spool", "status"]) == 0
    status = capsys.readouterr().out
    assert "dead       2" in status and "gate       open" in status

    assert _cli(make_spool, ["spool", "list", "--state", "dead"]) == 0
    listing = capsys.readouterr().out
    assert ids[0] in listing and "申请人" not in listing and "Unprocessable" in listing

    out = tmp_path / "hand.jsonl"
    assert _cli(make_spool, ["spool", "export", "--state", "dead", "--out", str(out)]) == 0
    assert "2 dead entries written" in capsys.readouterr().out

    assert _cli(make_spool, ["spool", "import", str(out)]) == 0
    assert "0 entries added, 2 already present" in capsys.readouterr().out

    assert _cli(make_spool, ["spool", "retry", ids[0]]) == 0
    assert _cli(make_spool, ["spool", "retry", "--dead"]) == 0
    assert "1 dead entries queued" in capsys.readouterr().out
    assert make_spool().stats().pending == 2


def test_cli_reports_errors_without_a_traceback(make_spool, tmp_path, capsys) -> None:
    assert _cli(make_spool, ["spool", "retry", str(uuid.uuid4())]) == 1
    assert _cli(make_spool, ["spool", "import", str(tmp_path / "missing.jsonl")]) == 1
    errors = capsys.readouterr().err
    assert errors.count("kiosk spool") == 2 and "Traceback" not in errors


def test_cli_lists_payments_and_clears_a_paid_one_whose_visit_ended(make_spool, tmp_path,
                                                                    capsys) -> None:
    spool = make_spool()
    request = {"item_code": "FEE-1", "amount_fen": 1000, "applicant": {"name": "王秀英"}}
    for key in ("k-1", "k-2"):
        spool.keep_payment(key, request)
    spool.payment_answer("k-1", {"payment_id": "PAY-1", "status": "paid", "receipt_no": "R-1"})
    spool.close()
    audit = tmp_path / "audit.jsonl"

    assert _cli(make_spool, ["spool", "payments"]) == 0
    listed = capsys.readouterr().out
    assert "PAY-1 FEE-1 10.00 yuan receipt R-1: PAID" in listed and "k-2" in listed
    assert "王秀英" not in listed
    # its citizen may still be at the kiosk: not cleared before its visit ended
    assert _cli(make_spool, ["spool", "clear-payment", "PAY-1", "--how", "refunded"],
                audit) == 1
    assert "no paid payment PAY-1 whose visit ended" in capsys.readouterr().err
    spool = make_spool()
    spool.payment_visit_ended("k-1")
    spool.close()
    assert _cli(make_spool, ["spool", "clear-payment", "PAY-1", "--how", "refunded"],
                audit) == 0
    assert "PAY-1 10.00 yuan: cleared, refunded" in capsys.readouterr().out
    [record] = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert record["event"] == "payment_cleared" and record["fields"]["how"] == "refunded"
    assert make_spool().payment("k-1").state == "cleared"
    assert _cli(make_spool, ["spool", "payments"]) == 0
    assert "PAY-1" not in capsys.readouterr().out
