"""Delivery against a central that breaks the contract: nothing lost, nothing stuck.

Each test queues what a misbehaving central (or whatever answers in its name)
says, drains the spool through the real client over HTTP, and checks the one
promise: an entry is delivered only on a whole case receipt, a final answer
of the contract makes it a dead letter, and anything else keeps it pending,
never in flight once the drain returns, and never parked past the longest
wait the kiosk itself would choose.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hostile_central import HostileCentral, answer, drip, hostile_central, raw, redirect
from sync_helpers import put

from kiosk.audit.log import AuditLog, parse_line, tail_lines
from kiosk.settings.model import load_settings
from kiosk.uplink.client import CentralClient, parse_retry_after
from kiosk.uplink.presence import CentralPresence
from kiosk.uplink.sync import SyncWorker, backoff_delay
from offline_queue import EntryState, Spool

DEVICE = "KD-TEST"
RECEIPT = {"case_no": "C-20261123-0001", "status": "received",
           "received_at": "2026-11-23T03:00:00+08:00"}
SYNC = load_settings(overrides={"sync": {"max_faulty_answers": 3, "batch_threshold": 5}}).sync


@pytest.fixture
def central() -> Iterator[HostileCentral]:
    with hostile_central() as hostile:
        yield hostile


def worker(spool: Spool, central: HostileCentral, clock, deadline: float = 5.0,
           **options: Any) -> SyncWorker:
    client = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0,
                           deadline=deadline)
    return SyncWorker(spool, client, SYNC, clock=clock, rng=lambda: 1.0, **options)


def settled(spool: Spool, entry_id: str):
    """The entry as the spool holds it, checked never to be left in flight."""
    entry = spool.get(entry_id)
    assert entry.state != EntryState.IN_FLIGHT
    return entry


@pytest.mark.parametrize(("status", "body", "problem"), [
    (201, {**RECEIPT, "case_no": None}, "case_no missing or not a string"),
    (201, {}, "case_no missing or not a string"),
    (201, {**RECEIPT, "case_no": ""}, "case_no missing or not a string"),
    (201, {**RECEIPT, "received_at": "yesterday"}, "received_at is not a time with its offset"),
    (201, {**RECEIPT, "status": 7}, "status missing or not a string"),
    (201, ["not", "an", "object"], "not an object"),
    (202, RECEIPT, "not 200 or 201"),  # a whole receipt under a status submit does not have
])
def test_a_success_without_a_whole_receipt_is_no_delivery(spool, central, clock, status,
                                                          body, problem) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(status, body))
    result = worker(spool, central, clock).drain()
    kept = settled(spool, entry.id)
    assert (result.delivered, kept.state, kept.faults) == (0, EntryState.PENDING, 1)
    assert kept.last_error == (f"POST /submissions: HTTP {status} without a case receipt "
                               f"({problem})")


def test_after_a_bounded_number_of_faulty_answers_the_entry_is_a_dead_letter_that_says_why(
        spool, central, clock) -> None:
    entry = put(spool, DEVICE)
    sync = worker(spool, central, clock)
    for _ in range(SYNC.max_faulty_answers - 1):
        central.queue(answer(201, {}))
        sync.drain()
        clock.advance(SYNC.backoff_cap_s + 1)
    assert settled(spool, entry.id).state == EntryState.PENDING
    central.queue(answer(201, {}))
    sync.drain()
    dead = settled(spool, entry.id)
    assert dead.state == EntryState.DEAD
    assert dead.problem == {"title": "the central's answers broke the contract",
                            "detail": f"{SYNC.max_faulty_answers} such answers; the last: "
                                      "POST /submissions: HTTP 201 without a case receipt "
                                      "(case_no missing or not a string)"}


def test_a_long_refusal_is_cut_in_what_the_technician_reads(spool, central, clock) -> None:
    """A 400 is no final answer (the contract's are 409 and 422) but a faulty one; its title
    is the central's, as long as it likes."""
    entry = put(spool, DEVICE)
    title = "no " * 400
    said = f"400 {title}".strip()  # CentralRejected's text
    sync = worker(spool, central, clock)
    for _ in range(SYNC.max_faulty_answers):
        central.queue(answer(400, {"title": title}))
        sync.drain()
        kept = settled(spool, entry.id)
        clock.advance(SYNC.backoff_cap_s + 1)
        if kept.state == EntryState.PENDING:
            assert kept.last_error == said[:200]
    assert kept.state == EntryState.DEAD
    assert kept.problem["detail"] == (f"{SYNC.max_faulty_answers} such answers; the last: "
                                      f"{said[:300]}")


@pytest.mark.parametrize("status", [400, 404, 413, 418])
def test_a_status_the_contract_does_not_have_is_a_fault_not_a_final_answer(
        spool, central, clock, status) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(status, {"title": "odd"}))
    worker(spool, central, clock).drain()
    kept = settled(spool, entry.id)
    assert (kept.state, kept.faults) == (EntryState.PENDING, 1)


@pytest.mark.parametrize("status", [409, 422])
def test_the_contracts_final_answers_make_a_dead_letter_at_once(spool, central, clock,
                                                                status) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(status, {"title": "never", "status": status}))
    worker(spool, central, clock).drain()
    assert settled(spool, entry.id).state == EntryState.DEAD


def test_a_central_that_fails_for_days_never_buries_an_entry(spool, central, clock) -> None:
    entry = put(spool, DEVICE)
    sync = worker(spool, central, clock)
    for _ in range(3 * SYNC.max_faulty_answers):
        central.queue(answer(502, {"title": "bad gateway"}))
        sync.drain()
        clock.advance(SYNC.backoff_cap_s + 1)
    kept = settled(spool, entry.id)
    assert (kept.state, kept.faults) == (EntryState.PENDING, 0)


def test_a_redirect_is_never_followed_and_the_body_goes_nowhere_else(spool, central,
                                                                     clock) -> None:
    entry = put(spool, DEVICE)
    with hostile_central() as elsewhere:
        elsewhere.otherwise = answer(201, RECEIPT)
        for status in (301, 302, 307, 308):
            central.queue(redirect(status, elsewhere.url + "/submissions"))
            worker(spool, central, clock).drain()
            clock.advance(SYNC.backoff_cap_s + 1)
        assert elsewhere.received == []
    kept = settled(spool, entry.id)  # 4 redirects: past the bound of 3 faulty answers
    assert kept.state == EntryState.DEAD
    assert "redirects are not followed" in kept.problem["detail"]


def test_an_answer_dripped_a_byte_at_a_time_is_cut_off_at_the_deadline(spool, central,
                                                                        clock) -> None:
    entry = put(spool, DEVICE)
    central.queue(drip(201, json.dumps(RECEIPT).encode(), every_s=0.2))
    result = worker(spool, central, clock, deadline=1.0).drain()
    kept = settled(spool, entry.id)
    assert (result.delivered, kept.state, kept.faults) == (0, EntryState.PENDING, 0)
    assert "within 1 s" in kept.last_error


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,  # deeper than any parser goes
    b'{"case_no": "' + b"9" * 400_000 + b'"}',  # larger than an answer may be
])
def test_a_monstrous_success_is_a_fault(spool, central, clock, body) -> None:
    entry = put(spool, DEVICE)
    central.queue(raw(201, body))
    worker(spool, central, clock).drain()
    kept = settled(spool, entry.id)
    assert (kept.state, kept.faults) == (EntryState.PENDING, 1)


def test_a_success_that_announces_too_much_is_a_fault_before_a_byte_is_read(
        spool, central, clock) -> None:
    entry = put(spool, DEVICE)
    central.queue(raw(201, b"{}", {"Content-Length": str(10**9)}))  # and sends two bytes
    worker(spool, central, clock).drain()
    kept = settled(spool, entry.id)
    assert (kept.state, kept.faults) == (EntryState.PENDING, 1)  # a fault, not a lost line
    assert kept.last_error == ("POST /submissions: the answer declares 1000000000 bytes; "
                               "at most 262144 are read")


@pytest.mark.parametrize("retry_after", ["3153600000", "9" * 400,
                                         "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_the_central_cannot_park_an_entry_past_the_longest_wait(spool, central, clock,
                                                                retry_after) -> None:
    entry = put(spool, DEVICE)
    central.queue(answer(503, {"title": "busy"}, {"Retry-After": retry_after}))
    worker(spool, central, clock).drain()
    kept = settled(spool, entry.id)
    assert kept.next_attempt_at <= clock() + timedelta(seconds=SYNC.max_central_wait_s)


def test_backoff_stays_finite_however_many_attempts() -> None:
    for attempts in (1023, 1024, 5000, 10**9):
        assert backoff_delay(attempts, base=2.0, cap=300.0, rng=lambda: 1.0) == 300.0


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0), ("Mon, 23 Nov 2026 03:00:30 GMT", 30.0),
    ("Mon, 23 Nov 2026 03:00:30 -0000", 30.0),  # a date without its zone is read as UTC
    ("Mon, 23 Nov 2026 11:00:30 +0800", 30.0), ("Mon, 23 Nov 2026 02:00:00 GMT", 0.0),
    ("", None), ("soon", None)])
def test_a_retry_after_is_read_as_seconds_from_now_never_negative(header, seconds) -> None:
    now = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert parse_retry_after(header, now) == seconds


def _batch_of(spool: Spool, n: int) -> list:
    return [put(spool, DEVICE, k) for k in range(n)]


def test_in_a_batch_each_result_is_judged_and_only_a_whole_receipt_delivers(
        spool, central, clock) -> None:
    entries = _batch_of(spool, SYNC.batch_threshold + 1)
    ok, nulled, odd, final, *rest = entries
    results = [
        {"idempotency_key": ok.id, "status": 201, "case": RECEIPT},
        {"idempotency_key": nulled.id, "status": 201, "case": {**RECEIPT, "case_no": None}},
        {"idempotency_key": odd.id, "status": 500},
        {"idempotency_key": final.id, "status": 422, "problem": {"title": "no"}},
    ]  # the rest left out of the answer
    central.queue(answer(200, {"results": results}))
    worker(spool, central, clock).drain()
    states = [settled(spool, e.id).state for e in entries]
    assert states[:4] == [EntryState.DELIVERED, EntryState.PENDING, EntryState.PENDING,
                          EntryState.DEAD]
    assert all(state == EntryState.PENDING for state in states[4:])
    assert [spool.get(e.id).faults for e in (nulled, odd, *rest)] == [1] * (2 + len(rest))
    [sent] = central.received  # one request, every entry under its own key
    assert (sent.method, sent.path) == ("POST", "/kiosk/v1/submissions/batch")
    assert sent.json() == {"entries": [
        {"idempotency_key": e.id, "submission": {**e.payload, "local_ref": e.local_ref,
                                                 "created_at": e.created_at.isoformat()}}
        for e in entries]}


def test_a_batch_answer_without_its_results_delivers_nothing(spool, central, clock) -> None:
    entries = _batch_of(spool, SYNC.batch_threshold + 1)
    central.queue(answer(200, {"results": "all fine"}))
    worker(spool, central, clock).drain()
    assert {settled(spool, e.id).state for e in entries} == {EntryState.PENDING}


def _results(entries: list, **changed: Any) -> dict:
    return {"results": [{"idempotency_key": e.id, "status": 201, "case": RECEIPT, **changed}
                        for e in entries]}


@pytest.mark.parametrize(("status", "answered"), [
    (200, lambda entries: _results(entries)["results"]),  # the list alone, not in an object
    (201, _results),  # every result whole, under a status the batch does not have
    (200, lambda entries: _results(entries, status="201")),  # a status as text
    (200, lambda entries: _results(entries, idempotency_key=None)),  # a result without its key
])
def test_a_batch_answer_not_as_the_contract_says_delivers_nothing_and_says_so(
        spool, central, clock, status, answered) -> None:
    entries = _batch_of(spool, SYNC.batch_threshold + 1)
    central.queue(answer(status, answered(entries)))
    worker(spool, central, clock).drain()
    kept = [settled(spool, e.id) for e in entries]
    assert {e.state for e in kept} == {EntryState.PENDING}
    assert {e.last_error for e in kept} == {
        f"POST /submissions/batch: HTTP {status} without a list of results, each with its "
        "key and status"}


def test_a_case_number_shaped_like_an_id_number_is_audited_and_the_round_goes_on(
        spool, central, clock, tmp_path: Path) -> None:
    """The audit log's guard once raised after the delivery was marked: the drain stopped
    and the rest waited out their lease."""
    entries = [put(spool, DEVICE, n) for n in range(2)]
    numbers = ["110105194912310021", "11010519491231003X"]
    central.queue(*(answer(201, {**RECEIPT, "case_no": n}) for n in numbers))
    with AuditLog(tmp_path / "audit.jsonl", clock) as audit:
        result = worker(spool, central, clock, on_event=audit.try_record_named).drain()
    assert result.delivered == 2
    assert [settled(spool, e.id).case_no for e in entries] == numbers
    records = [parse_line(line) for line in tail_lines(tmp_path / "audit.jsonl", 10)]
    assert [r["fields"]["case_no"] for r in records if r["event"] == "submission_delivered"] \
        == numbers


def test_an_entry_the_central_fails_while_it_takes_others_becomes_a_dead_letter(
        spool, central, clock) -> None:
    """A poison entry: 502 for it, every round, while the central accepts the others. It
    must not wait for ever (its age would close the gate on every citizen), so it counts
    as a faulty answer, where a 502 for everything (an outage) does not."""
    poison = put(spool, DEVICE, 0)
    sync = worker(spool, central, clock)
    for n in range(1, SYNC.max_faulty_answers + 1):
        put(spool, DEVICE, n)  # a fresh entry each round, taken by the central
        central.queue(answer(502, {"title": "bad gateway"}), answer(201, RECEIPT))
        sync.drain()
        clock.advance(SYNC.backoff_cap_s + 1)
    dead = settled(spool, poison.id)
    assert dead.state == EntryState.DEAD and "HTTP 502" in dead.problem["detail"]
    assert spool.stats().delivered == SYNC.max_faulty_answers


def test_a_batch_the_central_fails_for_days_buries_none_of_its_entries(spool, central,
                                                                       clock) -> None:
    """A 5xx for the whole batch is an outage, as for a single entry: only a 5xx for one
    entry while the central takes others counts against that entry."""
    entries = _batch_of(spool, SYNC.batch_threshold + 1)
    sync = worker(spool, central, clock)
    for _ in range(SYNC.max_faulty_answers + 1):
        central.queue(answer(502, {"title": "bad gateway"}))
        sync.drain()
        clock.advance(SYNC.backoff_cap_s + 1)
    assert {(e.state, e.faults) for e in (settled(spool, e.id) for e in entries)} == {
        (EntryState.PENDING, 0)}
    assert {r.path for r in central.received} == {"/kiosk/v1/submissions/batch"}


def test_the_audit_log_says_which_dead_letter_the_central_refused_and_which_the_kiosk_buried(
        spool, central, clock, tmp_path: Path) -> None:
    """A technician reads the status of a refusal (409) or 0: no final answer came, the
    kiosk gave up after too many answers that broke the contract."""
    refused, buried = put(spool, DEVICE, 0), put(spool, DEVICE, 1)
    with AuditLog(tmp_path / "audit.jsonl", clock) as audit:
        sync = worker(spool, central, clock, on_event=audit.try_record_named)
        central.queue(answer(409, {"title": "taken", "status": 409}))
        rounds = []
        for _ in range(SYNC.max_faulty_answers):
            central.queue(answer(201, {}))
            rounds.append(sync.drain())
            clock.advance(SYNC.backoff_cap_s + 1)
    assert [settled(spool, e.id).state for e in (refused, buried)] == [EntryState.DEAD] * 2
    assert [(r.dead, r.retried) for r in rounds] == [(1, 1), (0, 1), (1, 0)]  # as printed
    records = [parse_line(line) for line in tail_lines(tmp_path / "audit.jsonl", 20)]
    assert [(r["fields"]["local_ref"], r["fields"]["status"]) for r in records
            if r["event"] == "submission_dead"] == [(refused.local_ref, 409),
                                                    (buried.local_ref, 0)]


def test_a_drain_of_several_claims_counts_every_delivery(spool, central, clock) -> None:
    """What `kiosk sync --once` prints: the whole drain's deliveries, claim after claim."""
    small = load_settings(overrides={"sync": {"batch_size": 2, "batch_threshold": 5}}).sync
    entries = [put(spool, DEVICE, n) for n in range(5)]
    central.queue(*(answer(201, {**RECEIPT, "case_no": f"C-{n}"}) for n in range(5)))
    client = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0)
    result = SyncWorker(spool, client, small, clock=clock, rng=lambda: 1.0).drain()
    assert (result.delivered, result.dead, result.retried) == (5, 0, 0)
    assert {settled(spool, e.id).state for e in entries} == {EntryState.DELIVERED}


def test_a_round_the_central_fails_counts_every_entry_left_for_later(spool, central,
                                                                     clock) -> None:
    for n in range(3):
        put(spool, DEVICE, n)
    central.queue(*(answer(502, {"title": "bad gateway"}) for _ in range(3)))
    result = worker(spool, central, clock).drain()
    assert (result.delivered, result.dead, result.retried) == (0, 0, 3)


def test_the_kiosk_hears_from_delivery_when_the_central_goes_and_comes_back(
        spool, central, clock, tmp_path: Path, caplog) -> None:
    """Wired as the core wires it: the screen changes (online-only items shown disabled)
    and the journal says what the worker is doing."""
    heard: list[str] = []
    with AuditLog(tmp_path / "audit.jsonl", clock) as audit:
        presence = CentralPresence(audit, on_change=lambda: heard.append("changed"),
                                   on_refused=lambda: heard.append("refused"))
        sync = worker(spool, central, clock, on_state=presence.sync_state)
        central.queue(answer(502, {"title": "bad gateway"}))
        with caplog.at_level(logging.INFO, logger="kiosk.uplink.sync"):
            sync.drain()  # nothing to send: idle as it was, nothing to say
            put(spool, DEVICE, 0)
            sync.drain()
        assert (presence.online, heard) == (False, ["changed"])
        clock.advance(SYNC.backoff_cap_s + 1)
        central.queue(answer(201, RECEIPT))
        sync.drain()
        assert (presence.online, heard) == (True, ["changed", "changed"])
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.uplink.sync"][:2] == [
        "sync: delivering", "sync: central_unreachable"]


def test_up_to_the_threshold_entries_go_one_by_one_and_past_it_in_a_batch(spool, central,
                                                                          clock) -> None:
    entries = _batch_of(spool, SYNC.batch_threshold)
    central.queue(*(answer(201, RECEIPT) for _ in entries))
    worker(spool, central, clock).drain()
    assert [r.path for r in central.received] == ["/kiosk/v1/submissions"] * len(entries)
    more = _batch_of(spool, SYNC.batch_threshold + 1)
    central.queue(answer(200, _results(more)))
    worker(spool, central, clock).drain()
    assert central.received[-1].path == "/kiosk/v1/submissions/batch"
    assert {settled(spool, e.id).state for e in entries + more} == {EntryState.DELIVERED}


def test_a_round_of_refusals_is_an_answer_and_the_central_is_back(spool, central, clock,
                                                                   tmp_path: Path) -> None:
    """The central refusing every entry sent (a dead letter each) still answered: the kiosk
    takes it as reachable again, as after a round of deliveries."""
    with AuditLog(tmp_path / "audit.jsonl", clock) as audit:
        presence = CentralPresence(audit, on_change=lambda: None, on_refused=lambda: None)
        sync = worker(spool, central, clock, on_state=presence.sync_state)
        put(spool, DEVICE, 0)
        central.queue(answer(502, {"title": "bad gateway"}))
        sync.drain()
        assert not presence.online
        clock.advance(SYNC.backoff_cap_s + 1)
        central.queue(answer(409, {"title": "taken", "status": 409}))
        assert sync.drain().dead == 1
        assert presence.online


def test_a_started_worker_delivers_what_it_is_told_of_and_ends_when_stopped(
        spool, central, clock) -> None:
    delivered = threading.Event()

    def heard(name: str, **_fields: Any) -> None:
        if name == "submission_delivered":
            delivered.set()

    sync = worker(spool, central, clock, on_event=heard)
    sync.start()
    try:
        entry = put(spool, DEVICE)
        central.queue(answer(201, RECEIPT))
        sync.notify()
        assert delivered.wait(30)  # a bound, not a wait for a timeout
        assert sync.alive and "sync" in [t.name for t in threading.enumerate()]
    finally:
        sync.stop()
    assert not sync.alive
    assert settled(spool, entry.id).state == EntryState.DELIVERED
