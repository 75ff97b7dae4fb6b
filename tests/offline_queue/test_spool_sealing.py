"""Encryption at rest, tamper detection, the key file's rules and key rotation."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from spool_helpers import submission

from offline_queue import EntryState, Spool, SpoolIntegrityError, SpoolKeyError
from offline_queue.keyfile import backup_key_path, pending_key_path

NAME = "欧阳娜娜"
ID_NUMBER = "44030619900307123X"
PHONE = "13912345678"


def _raw_bytes(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))


def _fill(spool: Spool) -> list[str]:
    payload = submission(NAME, ID_NUMBER)
    payload["form"]["phone"] = PHONE
    return [spool.put(payload, item_code="A", applicant_id=ID_NUMBER).id for _ in range(3)]


def test_the_database_files_hold_no_plaintext_personal_data(spool, db_path) -> None:
    _fill(spool)
    raw = _raw_bytes(db_path)  # main file, WAL and SHM, before any checkpoint
    for secret in (NAME, ID_NUMBER, PHONE):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw
    assert b"K0107-20261123-0001" in raw  # the scan would see plaintext if there were any


def test_a_tampered_ciphertext_is_a_typed_error_and_goes_dead(spool, db_path, events) -> None:
    tampered, intact, _ = _fill(spool)
    with sqlite3.connect(db_path) as raw:
        blob = bytearray(raw.execute("SELECT sealed_payload FROM entries WHERE id = ?",
                                     (tampered,)).fetchone()[0])
        blob[-1] ^= 0x01
        raw.execute("UPDATE entries SET sealed_payload = ? WHERE id = ?", (bytes(blob), tampered))
    raw.close()

    with pytest.raises(SpoolIntegrityError):
        spool.get(tampered)
    claimed = spool.claim_due(10)

    assert tampered not in [e.id for e in claimed] and intact in [e.id for e in claimed]
    assert [(e.code, e.detail) for e in events] == [
        ("entry_unreadable", "entry K0107-20261123-0001 failed authentication; moved to dead")]
    assert spool.list_entries(EntryState.DEAD)[0].id == tampered
    assert [e.item_code for e in claimed] == ["A", "A"]
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT last_error FROM entries WHERE id = ?", (tampered,)
                           ).fetchone() == ("spooled payload cannot be read",)
    raw.close()


def test_an_entry_whose_payload_is_gone_is_buried_saying_so(spool, db_path, events) -> None:
    [gone] = _fill(spool)[:1]
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE entries SET sealed_payload = NULL WHERE id = ?", (gone,))
    raw.close()
    assert gone not in [e.id for e in spool.claim_due(10)]
    assert spool.get(gone).problem == {"title": "spooled payload cannot be read",
                                       "detail": "payload no longer held"}
    assert [(e.code, e.detail) for e in events] == [
        ("entry_unreadable", "entry K0107-20261123-0001 failed authentication; moved to dead")]
    with pytest.raises(ValueError) as refused:
        spool.claim_due(0)
    assert str(refused.value) == "limit must be at least 1"


def test_rows_cannot_be_swapped(spool, db_path) -> None:
    first, second, _ = _fill(spool)
    with sqlite3.connect(db_path) as raw:
        blob = raw.execute("SELECT sealed_payload FROM entries WHERE id = ?",
                           (first,)).fetchone()[0]
        raw.execute("UPDATE entries SET sealed_payload = ? WHERE id = ?", (blob, second))
    raw.close()
    with pytest.raises(SpoolIntegrityError):
        spool.get(second)


def test_the_key_file_is_created_private_and_32_bytes(spool, key_path) -> None:
    assert key_path.stat().st_mode & 0o777 == 0o600
    assert key_path.stat().st_size == 32


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
def test_a_key_file_others_can_read_is_refused(make_spool, key_path, mode) -> None:
    make_spool().close()
    key_path.chmod(mode)
    with pytest.raises(SpoolKeyError, match="chmod 600"):
        make_spool()


@pytest.mark.parametrize("size", [0, 31, 33])
def test_a_key_file_of_the_wrong_size_is_refused(make_spool, key_path, size) -> None:
    key_path.parent.mkdir(parents=True)
    key_path.write_bytes(b"k" * size)
    key_path.chmod(0o600)
    with pytest.raises(SpoolKeyError, match=f"holds {size} bytes"):
        make_spool()


def test_another_key_file_does_not_open_the_spool(make_spool, key_path) -> None:
    make_spool().put({}, item_code="A")
    key_path.write_bytes(os.urandom(32))
    with pytest.raises(SpoolKeyError, match="does not open this spool"):
        make_spool()


def test_a_missing_key_for_an_existing_spool_is_refused_not_replaced(make_spool, key_path) -> None:
    make_spool().put({}, item_code="A")
    key_path.unlink()
    with pytest.raises(SpoolKeyError, match="does not exist"):
        make_spool()
    assert not key_path.exists()


def test_a_symlinked_key_file_is_refused(make_spool, key_path, tmp_path) -> None:
    make_spool().close()
    real = tmp_path / "elsewhere.key"
    key_path.rename(real)
    key_path.symlink_to(real)
    with pytest.raises(SpoolKeyError, match="symlink"):
        make_spool()


def test_rotate_key_reseals_every_row_and_keeps_lookups(make_spool, key_path) -> None:
    spool = make_spool()
    ids = _fill(spool)
    spool.claim_due(1)
    spool.mark_dead(ids[0], problem={"title": "Unprocessable", "status": 422})
    old_key = key_path.read_bytes()

    spool.rotate_key()

    assert key_path.read_bytes() != old_key
    assert key_path.stat().st_mode & 0o777 == 0o600
    assert not pending_key_path(key_path).exists() and not backup_key_path(key_path).exists()
    spool.close()
    reopened = make_spool()
    assert [reopened.get(i).payload["applicant"]["name"] for i in ids] == [NAME] * 3
    assert reopened.get(ids[0]).problem == {"title": "Unprocessable", "status": 422}
    assert len(reopened.find_by_applicant(ID_NUMBER)) == 3


def test_a_rotation_cut_after_commit_is_finished_at_next_start(make_spool, key_path,
                                                               events) -> None:
    spool = make_spool()
    ids = _fill(spool)
    old_key = key_path.read_bytes()
    spool.rotate_key()
    new_key = key_path.read_bytes()
    spool.close()
    # The state a power cut leaves between the commit and the key file's replacement:
    pending_key_path(key_path).write_bytes(new_key)
    pending_key_path(key_path).chmod(0o600)
    backup_key_path(key_path).write_bytes(old_key)
    key_path.write_bytes(old_key)

    reopened = make_spool()

    assert key_path.read_bytes() == new_key
    assert not pending_key_path(key_path).exists() and not backup_key_path(key_path).exists()
    assert reopened.get(ids[0]).payload["applicant"]["id_number"] == ID_NUMBER
    assert len(reopened.find_by_applicant(ID_NUMBER)) == 3  # the applicant key opens too
    assert ("key_rotation_recovered", f"finished a key rotation cut short before {key_path} "
            "was replaced") in [(e.code, e.detail) for e in events]


def test_a_rotation_cut_before_commit_leaves_the_old_key_in_use(make_spool, key_path) -> None:
    spool = make_spool()
    ids = _fill(spool)
    old_key = key_path.read_bytes()
    spool.close()
    pending_key_path(key_path).write_bytes(os.urandom(32))
    pending_key_path(key_path).chmod(0o600)
    backup_key_path(key_path).write_bytes(old_key)

    reopened = make_spool()

    assert key_path.read_bytes() == old_key
    assert not pending_key_path(key_path).exists() and not backup_key_path(key_path).exists()
    assert reopened.get(ids[1]).payload["applicant"]["name"] == NAME


def test_rotation_refuses_while_a_row_is_unreadable(spool, db_path, key_path) -> None:
    ids = _fill(spool)
    old_key = key_path.read_bytes()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE entries SET sealed_payload = zeroblob(64) WHERE id = ?", (ids[2],))
    raw.close()
    with pytest.raises(SpoolIntegrityError, match="K0107-20261123-0003"):
        spool.rotate_key()
    assert key_path.read_bytes() == old_key
    assert not pending_key_path(key_path).exists()
    assert spool.get(ids[0]).payload["applicant"]["name"] == NAME
