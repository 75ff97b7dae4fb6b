"""The wire to the printer, chosen by the URL in the site's settings.

python-escpos keeps its transports thin (`_raw` to write, `_read` for up to
16 bytes); we use them as they are (but for the serial read, see there) and
add only what a kiosk needs and they lack: a read that gives up after a
timeout instead of blocking or pretending (`paper_status()` answers "paper
OK" when nothing answers), throwing away stale replies before a new status
request, and one typed error for every way a link can break. `file://`
cannot read at all and says so.

Accepted URLs: tcp://host[:9100], serial:///dev/ttyS0[?baudrate=19200],
usb://VID:PID (hex, e.g. usb://0x0416:0x5011; needs pyusb), file:///path.
"""

from __future__ import annotations

import contextlib
import socket
import termios
from abc import ABC, abstractmethod
from collections.abc import Callable
from functools import partial
from types import ModuleType
from urllib.parse import parse_qs, urlsplit

import serial
from escpos.exceptions import DeviceNotFoundError

from drivers.printer.errors import PrinterUnavailable, PrinterUrlError, TransportError

# pyserial raises SerialException, but a vanished tty also fails flush and
# tcflush with termios.error, which is neither a SerialException nor an OSError.
_SERIAL_ERRORS = (serial.SerialException, OSError, termios.error)
URL_FORMS = "tcp://host:9100, serial:///dev/ttyS0?baudrate=19200, usb://VID:PID or file:///path"


def _escpos_printers() -> ModuleType:
    """python-escpos's printer classes, imported when the first link is opened: with
    barcode, qrcode and Pillow behind them they are some 100 ms, and the kiosk opens
    its printer only after its first frame is drawn."""
    from escpos import printer

    return printer


class Transport(ABC):
    can_read = True

    def __init__(self, target: str) -> None:
        self.target = target

    @abstractmethod
    def write(self, data: bytes) -> None:
        """Send bytes; raises TransportError when the link is broken."""

    @abstractmethod
    def read(self, timeout: float) -> bytes:
        """Up to 16 bytes, b"" if none arrive within `timeout` s; TransportError if closed."""

    @abstractmethod
    def discard_input(self) -> None:
        """Drop bytes that arrived unasked (a late answer to an earlier request)."""

    @abstractmethod
    def close(self) -> None: ...


class NetworkTransport(Transport):
    def __init__(self, host: str, port: int, timeout: float) -> None:
        super().__init__(f"tcp://{host}:{port}")
        self._timeout = timeout
        self._printer = _escpos_printers().Network(host, port, timeout=timeout)
        try:
            self._printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterUnavailable(f"cannot connect to the printer at {self.target}") from exc
        self._sock: socket.socket = self._printer.device

    def write(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
        except OSError as exc:
            raise TransportError(f"{self.target}: sending failed ({exc})") from exc

    def read(self, timeout: float) -> bytes:
        self._sock.settimeout(timeout)
        try:
            data = self._printer._read()
        except TimeoutError:
            return b""
        except OSError as exc:
            raise TransportError(f"{self.target}: connection lost ({exc})") from exc
        finally:
            self._sock.settimeout(self._timeout)
        if not data:
            raise TransportError(f"{self.target}: the printer closed the connection")
        return data

    def discard_input(self) -> None:
        self._sock.setblocking(False)
        try:
            while self._sock.recv(4096):
                pass
            raise TransportError(f"{self.target}: the printer closed the connection")
        except BlockingIOError:
            pass
        except OSError as exc:
            raise TransportError(f"{self.target}: connection lost ({exc})") from exc
        finally:
            self._sock.settimeout(self._timeout)

    def close(self) -> None:
        self._printer.close()


class SerialTransport(Transport):
    def __init__(self, devfile: str, baudrate: int, timeout: float) -> None:
        super().__init__(f"serial://{devfile}")
        self._printer = _escpos_printers().Serial(devfile, baudrate=baudrate, timeout=timeout)
        try:
            self._printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterUnavailable(f"cannot open the printer port {devfile}") from exc
        self._port: serial.Serial = self._printer.device
        self._port.write_timeout = timeout

    def write(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
            self._port.flush()
        except _SERIAL_ERRORS as exc:
            raise TransportError(f"{self.target}: sending failed ({exc})") from exc

    def read(self, timeout: float) -> bytes:
        """What has arrived once a first byte has: python-escpos's `_read` (pyserial's
        read(16)) would wait out the whole timeout for sixteen bytes, and a status
        answer is one."""
        try:
            self._port.timeout = timeout
            first = self._port.read(1)
            return first + self._port.read(min(self._port.in_waiting, 15)) if first else b""
        except _SERIAL_ERRORS as exc:
            raise TransportError(f"{self.target}: port failed ({exc})") from exc

    def discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except _SERIAL_ERRORS as exc:
            raise TransportError(f"{self.target}: port failed ({exc})") from exc

    def close(self) -> None:
        try:
            self._printer.close()  # flushes first, which fails on a vanished tty
        except _SERIAL_ERRORS:
            with contextlib.suppress(OSError):
                self._port.close()
            self._printer.device = False


class UsbTransport(Transport):
    def __init__(self, vendor: int, product: int, timeout: float) -> None:
        super().__init__(f"usb://{vendor:#06x}:{product:#06x}")
        usb_printer = _escpos_printers().Usb
        if not usb_printer.is_usable():
            raise PrinterUnavailable(f"{self.target}: USB printing needs the pyusb package")
        import usb.core  # present: is_usable() checked it

        self._errors = (usb.core.USBError,)
        self._timeout_error = usb.core.USBTimeoutError
        self._printer = usb_printer(vendor, product, timeout=int(timeout * 1000))
        try:
            self._printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterUnavailable(f"no USB printer {self.target} is plugged in") from exc
        except usb.core.NoBackendError as exc:  # pyusb present, the libusb library not
            raise PrinterUnavailable(
                f"{self.target}: USB printing needs libusb-1.0 (Debian: libusb-1.0-0)"
            ) from exc

    def write(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
        except self._errors as exc:
            raise TransportError(f"{self.target}: sending failed ({exc})") from exc

    def read(self, timeout: float) -> bytes:
        device = self._printer.device
        try:
            return bytes(device.read(self._printer.in_ep, 16, int(timeout * 1000)))
        except self._timeout_error:
            return b""
        except self._errors as exc:
            raise TransportError(f"{self.target}: device failed ({exc})") from exc

    def discard_input(self) -> None:
        while self.read(0.001):
            pass

    def close(self) -> None:
        self._printer.close()


class FileTransport(Transport):
    """A device file such as /dev/usb/lp0, or a plain file to capture jobs: write only."""

    can_read = False

    def __init__(self, path: str) -> None:
        super().__init__(f"file://{path}")
        self._printer = _escpos_printers().File(path)
        try:
            self._printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterUnavailable(f"cannot open {path} for printing") from exc

    def write(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
        except OSError as exc:
            raise TransportError(f"{self.target}: writing failed ({exc})") from exc

    def read(self, timeout: float) -> bytes:
        raise TransportError(f"{self.target}: a file transport cannot read the printer's status")

    def discard_input(self) -> None:
        """Nothing ever arrives on a file."""

    def close(self) -> None:
        self._printer.close()


def _hex_id(text: str, url: str) -> int:
    try:
        value = int(text, 16)
    except ValueError:
        raise PrinterUrlError(f"{url}: {text!r} is not a hex USB id; use {URL_FORMS}") from None
    if not 0 < value <= 0xFFFF:
        raise PrinterUrlError(f"{url}: USB id {text!r} is out of range")
    return value


def _baudrate(query: str, url: str) -> int:
    values = parse_qs(query).get("baudrate", ["9600"])
    if not values[-1].isdigit():
        raise PrinterUrlError(f"{url}: baudrate must be a number, e.g. ?baudrate=19200")
    return int(values[-1])


def transport_opener(url: str, timeout: float) -> Callable[[], Transport]:
    """Check `url` now, open later: a typo in the settings fails at start-up, a printer
    that is switched off only when used. `timeout` bounds connecting and every write."""
    scheme, _, rest = url.partition("://")
    if not rest:
        raise PrinterUrlError(f"{url!r} is not a printer URL; use {URL_FORMS}")
    if scheme == "tcp":
        parts = urlsplit(url)
        try:
            port = parts.port or 9100
        except ValueError:
            raise PrinterUrlError(f"{url}: the port must be a number (e.g. :9100)") from None
        if not parts.hostname:
            raise PrinterUrlError(f"{url}: no host; use tcp://host:9100")
        return partial(NetworkTransport, parts.hostname, port, timeout)
    if scheme == "serial":
        parts = urlsplit(url)
        if not parts.path:
            raise PrinterUrlError(f"{url}: no device; use serial:///dev/ttyS0?baudrate=19200")
        return partial(SerialTransport, parts.path, _baudrate(parts.query, url), timeout)
    if scheme == "usb":
        vendor, sep, product = rest.partition(":")
        if not sep:
            raise PrinterUrlError(f"{url}: use usb://VID:PID, e.g. usb://0x0416:0x5011")
        return partial(UsbTransport, _hex_id(vendor, url), _hex_id(product, url), timeout)
    if scheme == "file":
        path = urlsplit(url).path
        if not path:
            raise PrinterUrlError(f"{url}: no path; use file:///dev/usb/lp0")
        return partial(FileTransport, path)
    raise PrinterUrlError(f"{url}: unknown printer transport {scheme!r}; use {URL_FORMS}")
