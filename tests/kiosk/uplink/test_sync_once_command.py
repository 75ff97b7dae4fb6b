"""`kiosk sync --once`, the technician's way to drain the spool, run as the real command with
its settings from KIOSK_CONFIG against the reference central."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta

from sync_helpers import put

from kiosk.clock import local_now
from kiosk.core import open_spool
from rig.campaign import KIOSK, kiosk_env, run_kiosk


def test_it_prints_the_counts_and_exits_0(central, kiosk_config) -> None:
    config = kiosk_config()
    with open_spool(central.settings, local_now) as spool:
        for n in range(3):
            put(spool, central.device_id, n)
        put(spool, central.device_id, item_code="NO-SUCH-ITEM")

    done = run_kiosk(config, "sync", "--once")
    again = run_kiosk(config, "sync", "--once")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"delivered": 3, "dead": 1, "retried": 0,
                                       "unauthorized": False, "errors": []}
    assert (again.returncode, json.loads(again.stdout)["delivered"]) == (0, 0)
    assert central.counters()["distinct_keys"] == 3
    with open_spool(central.settings, local_now) as spool:
        stats = spool.stats()
    assert (stats.delivered, stats.dead, stats.pending) == (3, 1, 0)


def test_it_exits_2_and_keeps_the_spool_when_the_token_is_revoked(central, kiosk_config) -> None:
    config = kiosk_config()
    with open_spool(central.settings, local_now) as spool:
        put(spool, central.device_id)
    central.admin("POST", "/revoke", json={"device_id": central.device_id})

    refused = run_kiosk(config, "sync", "--once")

    assert refused.returncode == 2, refused.stderr
    printed = json.loads(refused.stdout)
    assert {key: printed[key] for key in ("delivered", "dead", "retried", "unauthorized")} == {
        "delivered": 0, "dead": 0, "retried": 0, "unauthorized": True}
    assert len(printed["errors"]) == 1 and "re-provision" in printed["errors"][0]
    assert central.counters()["distinct_keys"] == 0
    with open_spool(central.settings, local_now) as spool:
        assert spool.stats().pending == 1


def test_a_round_under_a_clock_400_days_ahead_does_not_park_the_entry(central,
                                                                      kiosk_config) -> None:
    """End to end under a shifted system clock (libfaketime): a kiosk that booted 400 days
    ahead fails a round and schedules the next attempt 400 days out; once the clock is
    right, that attempt is due at once, not in 400 days."""
    away = kiosk_config("away", central={"url": "http://127.0.0.1:9/kiosk/v1"})
    with open_spool(central.settings, local_now) as spool:
        entry = put(spool, central.device_id)

    ahead = subprocess.run(
        ["faketime", "-f", "+400d", str(KIOSK), "sync", "--once"],
        env={**kiosk_env(away), "FAKETIME_DONT_FAKE_MONOTONIC": "1"},
        capture_output=True, text=True, timeout=120, check=False)
    assert ahead.returncode == 0, ahead.stderr
    printed = json.loads(ahead.stdout)
    assert printed["retried"] == 1
    assert printed["errors"] == ["POST /submissions: ConnectionError"]  # why it waits
    with open_spool(central.settings, local_now) as spool:
        parked = spool.get(entry.id).next_attempt_at
    assert parked > local_now() + timedelta(days=399)  # the child's clock was 400 days on

    done = run_kiosk(kiosk_config(), "sync", "--once")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["delivered"] == 1
