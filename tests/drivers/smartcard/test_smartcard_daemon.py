"""PcscDaemon and the reader's life across a pcscd that goes away and comes back.

pcscd is one per machine (HARDWARE.md §4), so the restart test stops the
session's daemon and starts it again; it can only do that when this test
run started it, and is skipped (with the reason) when a system pcscd serves.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest

from drivers.sim.pcscd import VIRTUAL_READER, PcscDaemon, list_readers, port_in_use
from drivers.sim.virtual_card import LI_MING, VPCD_READER, VirtualCard
from drivers.smartcard import CardRemoved, SmartCardRead, SmartCardReader
from drivers.smartcard.monitor import SERVICE_DOWN
from drivers.status import DeviceState

MakeCard = Callable[..., VirtualCard]


def test_a_running_pcscd_is_reused_and_left_running(pcsc_daemon: PcscDaemon) -> None:
    with PcscDaemon() as second:
        assert not second.owns_process
    readers = list_readers()
    assert readers is not None
    assert any(VIRTUAL_READER in name for name in readers)


def test_reader_survives_pcscd_restart(
    pcsc_daemon: PcscDaemon, make_card: MakeCard, event_log
) -> None:
    if not pcsc_daemon.owns_process:
        pytest.skip("a pcscd this run did not start is serving; not stopping it")
    reader = SmartCardReader(VPCD_READER, event_log)
    reader.start()
    try:
        make_card(LI_MING)  # stays inserted: reconnects to vpcd by itself
        first = event_log.wait_for(SmartCardRead)
        pcsc_daemon.stop()
        try:
            event_log.wait_until(lambda: reader.status == SERVICE_DOWN)
            assert list_readers() is None
            assert any(isinstance(e, CardRemoved) for e in event_log.events)
        finally:
            pcsc_daemon.start()
        assert pcsc_daemon.owns_process
        after = event_log.events.index(first) + 1
        assert event_log.wait_for(SmartCardRead, after=after).card.name == "李明"
        event_log.wait_until(lambda: reader.status.state is DeviceState.OK)
    finally:
        reader.stop()


def test_a_port_any_socket_holds_is_seen_as_in_use() -> None:
    """vpcd cannot listen on a port another socket holds, even one in TIME_WAIT; the
    daemon's error names the port then instead of only 'no reader'."""
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    try:
        assert port_in_use(port)
    finally:
        holder.close()
    assert not port_in_use(port)  # a listener that took no connection leaves nothing behind
