"""The spool's payments: kept before their request, moved only forward by the central's
answers, settled by the put of their submission in the same transaction, sealed at rest."""

from __future__ import annotations

import sqlite3

import pytest

from offline_queue import SpoolHeld

WANG = {"id_type": "resident_id", "id_number": "110101195603080020", "name": "王秀英"}
REQUEST = {"item_code": "FEE-1", "applicant": WANG, "amount_fen": 2000}


def payment(status: str, **more: str) -> dict:
    return {"payment_id": "PAY-1", "status": status, "amount_fen": 2000, "pay_code": "x",
            "expires_at": "2026-11-23T10:15:00+08:00", **more}


def test_a_payment_is_kept_before_its_request_and_sealed_at_rest(make_spool, db_path) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    [kept] = spool.unsettled_payments()
    assert (kept.key, kept.state, kept.payment_id, kept.request) == ("k-1", "opening", None,
                                                                       REQUEST)
    assert WANG["id_number"] not in repr(kept)
    spool.close()
    raw = b"".join(path.read_bytes() for path in db_path.parent.glob("spool.db*"))
    assert WANG["id_number"].encode() not in raw and WANG["name"].encode() not in raw
    assert make_spool().payment("k-1").request == REQUEST  # and read back after a restart


def test_answers_move_a_payment_forward_only(make_spool) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    assert spool.payment_answer("k-1", payment("pending")) == "pending"
    assert spool.payment_answer("k-1", payment("paid", receipt_no="R-9")) == "paid"
    assert spool.payment_answer("k-1", payment("pending")) == "paid"  # a late, stale answer
    assert spool.payment_answer("k-1", payment("cancelled")) == "paid"
    kept = spool.payment("k-1")
    assert (kept.state, kept.payment_id, kept.receipt_no) == ("paid", "PAY-1", "R-9")
    spool.keep_payment("k-2", REQUEST)
    assert spool.payment_answer("k-2", payment("expired")) == "closed"
    assert spool.payment("k-2").request is None  # nothing personal kept once it is over
    spool.keep_payment("k-3", REQUEST)
    assert spool.payment_answer("k-3", None) == "closed"  # refused for good
    assert [p.key for p in spool.unsettled_payments()] == ["k-1"]
    assert spool.payment_counts() == {"paid": 1, "closed": 2}


def test_the_put_of_a_paid_submission_settles_its_payment_in_the_same_write(make_spool) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    spool.payment_answer("k-1", payment("pending"))
    with pytest.raises(ValueError) as refused:  # not paid: nothing is spooled
        spool.put({"form": {}}, item_code="FEE-1", payment_key="k-1")
    assert str(refused.value) == "only a paid payment's submission is spooled with it"
    assert spool.stats().pending == 0
    spool.payment_answer("k-1", payment("paid", receipt_no="R-9"))
    entry = spool.put({"form": {}, "payment_id": "PAY-1"}, item_code="FEE-1",
                      payment_key="k-1")
    kept = spool.payment("k-1")
    assert (kept.state, kept.local_ref, kept.request) == ("spooled", entry.local_ref, None)
    assert spool.unsettled_payments() == []
    with pytest.raises(ValueError):  # one payment pays for one submission
        spool.put({"form": {}}, item_code="FEE-1", payment_key="k-1")
    assert spool.stats().pending == 1


def test_a_visit_that_ended_is_marked_and_a_new_key_keeps_the_request(make_spool) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    spool.payment_visit_ended("k-1")
    assert spool.payment("k-1").visit_ended
    spool.rotate_key()
    assert spool.payment("k-1").request == REQUEST


def test_a_guest_reads_payments_and_writes_none(make_spool) -> None:
    owner = make_spool()
    owner.keep_payment("k-1", REQUEST)
    guest = make_spool()
    assert guest.guest
    assert [p.key for p in guest.unsettled_payments()] == ["k-1"]
    for write, said in ((lambda: guest.keep_payment("k-2", REQUEST), "opens payments"),
                        (lambda: guest.payment_answer("k-1", payment("paid")), "records"),
                        (lambda: guest.payment_visit_ended("k-1"), "records")):
        with pytest.raises(SpoolHeld, match=rf"\(only the kiosk {said}"):
            write()
    assert make_spool().payment("k-1").state == "opening"  # the guest changed nothing


def test_a_printed_document_settles_its_paid_payment_and_an_answer_cannot_undo_it(
        make_spool) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    spool.payment_answer("k-1", payment("pending"))
    with pytest.raises(ValueError):  # not paid: nothing was delivered for it
        spool.payment_delivered("k-1", "DOC-1")
    spool.payment_answer("k-1", payment("paid", receipt_no="R-9"))
    spool.payment_delivered("k-1", "DOC-1")
    kept = spool.payment("k-1")
    assert (kept.state, kept.local_ref, kept.request) == ("delivered", "DOC-1", None)
    assert spool.payment_answer("k-1", payment("cancelled")) == "delivered"
    assert spool.unsettled_payments() == []
    with pytest.raises(ValueError):  # one payment pays for one printout
        spool.payment_delivered("k-1", "DOC-2")


def test_only_a_paid_payment_whose_visit_ended_is_cleared_by_hand(make_spool) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    spool.payment_answer("k-1", payment("paid", receipt_no="R-9"))
    with pytest.raises(ValueError):  # its citizen may still be at the kiosk
        spool.payment_cleared("k-1")
    spool.payment_visit_ended("k-1")
    spool.keep_payment("k-2", REQUEST)
    spool.payment_visit_ended("k-2")
    with pytest.raises(ValueError):  # not paid: the sweep settles it, not a person
        spool.payment_cleared("k-2")
    spool.payment_cleared("k-1")
    assert spool.payment("k-1").state == "cleared" and spool.payment("k-1").request is None
    assert [p.key for p in spool.unsettled_payments()] == ["k-2"]
    assert spool.payment_answer("k-1", payment("paid", receipt_no="R-9")) == "cleared"


def test_a_kept_payment_reads_back_what_was_kept(make_spool, clock) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    spool.close()
    kept = make_spool().payment("k-1")
    assert (kept.item_code, kept.amount_fen, kept.created_at) == ("FEE-1", 2000,
                                                                  clock.now.isoformat())
    assert make_spool().payment("k-unknown") is None


def test_a_spooled_payment_stays_spooled_whatever_the_central_says_late(make_spool,
                                                                       db_path) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    spool.payment_answer("k-1", payment("paid"))
    entry = spool.put({"form": {}}, item_code="FEE-1", payment_key="k-1")
    assert spool.payment_answer("k-1", payment("cancelled")) == "spooled"
    spool.close()
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT state, local_ref FROM payments WHERE key = 'k-1'").fetchone()
    assert row == ("spooled", entry.local_ref)


def test_an_answer_for_a_payment_never_kept_names_its_key(make_spool) -> None:
    with pytest.raises(KeyError, match="k-unknown"):
        make_spool().payment_answer("k-unknown", payment("paid"))


def test_a_request_that_no_longer_opens_is_shown_without_it(make_spool, db_path) -> None:
    spool = make_spool()
    spool.keep_payment("k-1", REQUEST)
    spool.keep_payment("k-2", REQUEST)
    spool.close()
    with sqlite3.connect(db_path) as conn:  # k-2's sealed request moved under k-1's key
        conn.execute("UPDATE payments SET sealed_request = (SELECT sealed_request FROM"
                     " payments WHERE key = 'k-2') WHERE key = 'k-1'")
    kept = make_spool().payment("k-1")
    assert (kept.key, kept.state, kept.amount_fen, kept.request) == ("k-1", "opening", 2000,
                                                                     None)
