"""`kiosk run` tells systemd it is ready once its window is drawn, and SIGTERM,
which is how systemd stops it, ends it cleanly even though the locked-down
window refuses to close."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

from fresh_python import python_lines
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.core import open_spool
from kiosk.visit.messages import say
from ui.app import run_kiosk
from ui.main_window import KioskWindow
from ui.welcome import WelcomeScreen


class SigtermAfterFirstFrame(QObject):
    """Sends the process SIGTERM, as systemd does, once the kiosk window has been drawn
    and what waits for that has run; notes whether the window was locked down then."""

    def __init__(self) -> None:
        super().__init__()
        self.locked: bool | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, KioskWindow) \
                and self.locked is None:
            self.locked = watched.locked
            watched.drawn.connect(
                lambda: QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGTERM)))
        return False


def test_ready_after_the_window_and_sigterm_ends_the_locked_down_kiosk(
        qtbot, rig, clock, tmp_path, monkeypatch, own_signals) -> None:
    address = str(tmp_path / "notify")
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind(address)
    systemd.settimeout(10)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    settings = rig.settings.model_copy(
        update={"ui": rig.settings.ui.model_copy(update={"hide_cursor": False})})
    watch = SigtermAfterFirstFrame()
    app = QApplication.instance()
    app.installEventFilter(watch)
    try:
        assert run_kiosk(settings, clock) == 0
    finally:
        app.removeEventFilter(watch)
    assert watch.locked is True
    assert systemd.recv(64) == b"READY=1"
    assert systemd.recv(64) == b"STOPPING=1"
    systemd.close()


def test_the_command_line_loads_neither_the_technician_commands_nor_qt_before_run(
        tmp_path) -> None:
    """`kiosk run` skips the other commands' parsers and what they import. Its settings
    here do not parse, so it ends (EX_CONFIG) before it opens a window."""
    broken = tmp_path / "kiosk.toml"
    broken.write_text("[ui\n")
    lines = python_lines(
        "import sys, ui.main\n"
        "print(' '.join(m for m in ('kiosk.cli.parser', 'PySide6') if m in sys.modules))\n"
        "print(ui.main.main(['run']), 'kiosk.cli.parser' in sys.modules)\n",
        KIOSK_CONFIG=str(broken))
    assert lines == ["", "78 False"]


def test_the_cores_clients_load_requests_with_their_first_request() -> None:
    """The core makes its clients while the window waits to be drawn; requests, and the
    session each client keeps, come when a worker thread first asks the central."""
    lines = python_lines(
        "import sys\n"
        "from kiosk.uplink.client import CentralClient, CentralUnreachable\n"
        "client = CentralClient('http://127.0.0.1:9', token='t', connect_timeout=0.5)\n"
        "print('requests' in sys.modules)\n"
        "try:\n"
        "    client.probe()\n"
        "except CentralUnreachable:\n"
        "    print('unreachable', 'requests' in sys.modules)\n"
        "client.close()\n")
    assert lines == ["False", "unreachable True"]


def test_what_the_first_frame_waits_for_leaves_out_the_printers_and_keyboards_libraries(
        ) -> None:
    """`kiosk run` imports, and a printer made as the core makes it, load none of
    python-escpos's printers, Pillow, qrcode or Qt Quick: those come with the first
    receipt, the first preview and the keyboard, all after the first frame."""
    lines = python_lines(
        "import sys, ui.main, ui.app\n"
        "from drivers.printer.printer import ReceiptPrinter\n"
        "ReceiptPrinter('tcp://127.0.0.1:9')\n"
        "print(' '.join(m for m in ('escpos.printer', 'PIL', 'qrcode', 'requests',\n"
        "                            'PySide6.QtQuickWidgets') if m in sys.modules))\n")
    assert lines == [""]


def test_the_core_and_window_a_first_tap_waits_for_load_neither_pillow_nor_qrcode() -> None:
    """The core and the kiosk's window are imported between the first frame and the first
    tap; Pillow comes with the first A4 test page (or with python-escpos, on the printer's
    thread), qrcode with the first payment code."""
    lines = python_lines(
        "import sys, ui.main, ui.app\n"
        "from kiosk.core import KioskCore\n"
        "from ui.main_window import KioskWindow\n"
        "print(' '.join(m for m in ('PIL', 'qrcode', 'escpos.printer', 'requests')\n"
        "               if m in sys.modules))\n")
    assert lines == [""]


class ReadTheScreenThenSigterm(QObject):
    """Once the out-of-service screen is drawn: notes what it says, in the kiosk's language
    and after a tap on English, then sends SIGTERM as systemd does."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, WelcomeScreen) \
                and not self.said:
            self.said.append(watched.findChild(QLabel, "out_of_service").text())
            watched.drawn.connect(lambda: self._read_english(watched))
        return False

    def _read_english(self, screen: WelcomeScreen) -> None:
        screen.welcome.set_language("en")
        self.said.append(screen.findChild(QLabel, "out_of_service").text())
        QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGTERM))


def _notify_socket(tmp_path, monkeypatch) -> socket.socket:
    address = str(tmp_path / "notify")
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind(address)
    systemd.settimeout(30)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    return systemd


def _out_of_service_says(settings, clock) -> list[str]:
    """`kiosk run` on `settings` until its screen has been read in its language and in
    English, then SIGTERM: what the out-of-service screen said, both times."""
    watch = ReadTheScreenThenSigterm()
    app = QApplication.instance()
    app.installEventFilter(watch)
    try:
        assert run_kiosk(settings, clock) == 0  # ended by SIGTERM, not by a crash
    finally:
        app.removeEventFilter(watch)
    return watch.said


def test_an_unprovisioned_kiosk_stays_up_out_of_service_and_says_why(
        qtbot, rig, clock, tmp_path, monkeypatch, own_signals) -> None:
    systemd = _notify_socket(tmp_path, monkeypatch)
    empty = tmp_path / "never-provisioned"
    settings = rig.settings.model_copy(update={
        "ui": rig.settings.ui.model_copy(update={"hide_cursor": False}),
        "device": rig.settings.device.model_copy(update={"state_dir": empty})})
    said = _out_of_service_says(settings, clock)
    language = settings.ui.language
    assert said == [
        f"{say('out_of_service', language)}\n\n{say('not_provisioned', language, path=empty)}",
        f"{say('out_of_service', 'en')}\n\n{say('not_provisioned', 'en', path=empty)}"]
    assert "kiosk provision" in said[1]
    assert systemd.recv(64) == b"READY=1"  # alive for systemd: no restart, no start limit
    assert systemd.recv(64) == b"STOPPING=1"
    systemd.close()


def _kiosk_run(config, tmp_path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "import sys, ui.main; sys.exit(ui.main.main(['run']))"],
        env={**os.environ, "KIOSK_CONFIG": str(config), "QT_QPA_PLATFORM": "offscreen",
             "NOTIFY_SOCKET": str(tmp_path / "notify")},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_kiosk_whose_settings_cannot_be_read_stays_up_out_of_service(
        tmp_path, monkeypatch) -> None:
    systemd = _notify_socket(tmp_path, monkeypatch)
    kiosk = _kiosk_run(tmp_path / "no-such-kiosk.toml", tmp_path)
    try:
        assert systemd.recv(64) == b"READY=1"  # on the screen, not EX_CONFIG
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=30) == 0
    finally:
        kiosk.kill()
        kiosk.communicate()
        systemd.close()


def test_a_kiosk_toml_others_may_write_is_refused_with_the_chmod_to_run(tmp_path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[device]\nstate_dir = "{tmp_path / "state"}"\n')
    config.chmod(0o664)
    kiosk = _kiosk_run(config, tmp_path)
    try:
        _out, err = kiosk.communicate(timeout=60)
    finally:
        kiosk.kill()
    assert kiosk.returncode == 78  # EX_CONFIG
    assert str(config) in err and f"chmod go-w {config}" in err
    assert "PIN" in err


def test_a_kiosk_whose_spool_key_is_lost_stays_up_out_of_service_and_names_it(
        qtbot, rig, clock, tmp_path, monkeypatch, own_signals) -> None:
    """Building the core would fail on a spool it cannot open, and systemd would restart the
    kiosk until its start limit left a black screen."""
    systemd = _notify_socket(tmp_path, monkeypatch)
    settings = rig.settings.model_copy(
        update={"ui": rig.settings.ui.model_copy(update={"hide_cursor": False})})
    open_spool(settings, clock).close()  # the spool of a kiosk that has served
    key = settings.device.state_dir / "spool.key"
    key.unlink()
    said = _out_of_service_says(settings, clock)
    assert said[1] == (f"{say('out_of_service', 'en')}\n\n"
                             f"{say('spool_key_missing', 'en', path=key)}")
    assert "Restore it from its backup" in said[1]
    assert systemd.recv(64) == b"READY=1"  # alive for systemd: no restart, no start limit
    assert systemd.recv(64) == b"STOPPING=1"
    systemd.close()
