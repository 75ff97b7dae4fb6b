"""Typed settings with errors a technician can act on.

A kiosk that starts with a typo in its config fails later in a way nobody
connects to the typo. Every key is declared here with its type and range, an
unknown key is an error, and the message names the file, the key and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from kiosk.clock import zone_problem
from kiosk.settings.files import FirstLook, SettingsError, UncheckedSettings, read_settings
from kiosk.settings.urls import central_url_problem

Seconds = Annotated[float, Field(gt=0)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _refused_by(problem: Callable[[str], str | None]) -> Callable[[str], str]:
    """A check of a value that says what is wrong with it, as a pydantic validator."""
    def check(value: str) -> str:
        why = problem(value)
        if why:
            raise ValueError(why)
        return value
    return check


class DeviceSettings(_Section):
    serial_number: str = Field(min_length=1)
    model: str = Field(min_length=1)
    ref_prefix: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,7}$")
    state_dir: Path
    # the site's time zone (IANA): every time a citizen reads on screen or on paper
    time_zone: Annotated[str, AfterValidator(_refused_by(zone_problem))] = "Asia/Shanghai"

    @field_validator("state_dir", mode="before")
    @classmethod
    def _names_a_folder(cls, value: object) -> object:
        # "" would become ".": the spool, credentials and audit log in whatever folder the
        # kiosk happened to start in
        if isinstance(value, str) and not value.strip():
            raise ValueError("must name the folder the kiosk keeps its state in, "
                             "e.g. /var/lib/kiosk")
        return value


class CentralSettings(_Section):
    url: str = Field(pattern=r"^https?://[^/]+(/.*)?$")
    ca_bundle: str = ""
    connect_timeout_s: Seconds
    read_timeout_s: Seconds
    deadline_s: Seconds

    @field_validator("url")
    @classmethod
    def _only_where_personal_data_may_go(cls, url: str) -> str:
        problem = central_url_problem(url)
        if problem:
            raise ValueError(problem)
        return url.rstrip("/")


class UiSettings(_Section):
    language: Literal["zh_CN", "zh_TW", "en"]  # kiosk.settings.files.LANGUAGES
    idle_timeout_s: Annotated[int, Field(ge=20, le=600)]
    elderly_idle_timeout_s: Annotated[int, Field(ge=20, le=1200)]
    countdown_s: Annotated[int, Field(ge=5, le=60)]
    result_timeout_s: Annotated[int, Field(ge=5, le=600)]
    # elderly mode's read-out: "" the first engine installed, "none" silent, or a name
    speech_engine: str = ""
    # a touch-only kiosk shows no pointer; a kiosk with a mouse for accessibility keeps it
    hide_cursor: bool = True
    # the city's service hotline, in every screen's footer and when help cannot be asked
    hotline: str = Field(default="12345", pattern=r"^[0-9][0-9 \-]{1,18}[0-9]$")
    # the city's online service hall, a QR code on the out-of-service page; "" shows none
    online_hall_url: str = Field(default="", pattern=r"^(https://\S+)?$")


class IdCardSettings(_Section):
    port: str = Field(min_length=1)
    baud: Literal[115200, 57600, 38400, 19200, 9600, "auto"]
    poll_interval_s: Annotated[float, Field(ge=0.05, le=5)]


class PrinterSettings(_Section):
    url: str = Field(pattern=r"^(usb|serial|tcp|file)://.+$")
    encoding: Literal["gb18030", "big5"]
    paper_width_mm: Literal[58, 80]
    status_interval_s: Annotated[float, Field(ge=1, le=300)]
    # what a printer that does not answer status (DLE EOT) means; unset: "best_effort"
    # for a network printer (tcp://, often a print server that never answers), else
    # "required"
    status: Literal["required", "best_effort", "none"] | None = None

    @property
    def status_policy(self) -> Literal["required", "best_effort", "none"]:
        if self.status is not None:
            return self.status
        return "best_effort" if self.url.startswith("tcp://") else "required"


# what CUPS accepts as a queue's name (lpadmin -p): printable ASCII without space, quotes,
# "/", "#" or "\\"
CUPS_QUEUE = r"^[!$-&(-.0-\[\]-~]{1,127}$"


class A4PrinterSettings(_Section):
    # the CUPS queue certificates print on (lpstat -p lists them); empty: no A4 printer
    queue: str = ""
    # cupsd's domain socket (/run/cups/cups.sock) or localhost:PORT; empty: CUPS's default
    server: str = ""
    job_timeout_s: Annotated[float, Field(ge=10, le=900)] = 120.0
    status_interval_s: Annotated[float, Field(ge=1, le=300)] = 10.0

    @field_validator("queue")
    @classmethod
    def _a_cups_queue_name(cls, queue: str) -> str:
        if queue and not re.fullmatch(CUPS_QUEUE, queue):
            raise ValueError("is not a CUPS queue name (no spaces, '/', '#', '\\' or quotes; "
                             "`lpstat -p` lists this kiosk's queues); leave it empty when no "
                             "A4 printer is fitted")
        return queue

    @field_validator("server")
    @classmethod
    def _the_local_cupsd(cls, server: str) -> str:
        host, _, port = server.rpartition(":")
        if server and not server.startswith("/") and not (
                host in ("localhost", "127.0.0.1") and port.isdigit()):
            raise ValueError("must be cupsd's socket (e.g. /run/cups/cups.sock) or "
                             "localhost:PORT: the kiosk prints through its own cupsd, which "
                             "reaches the printer; empty for CUPS's default")
        return server


class ScannerSettings(_Section):
    port: str = ""  # empty: this kiosk has no scanner
    baudrate: Literal[9600, 19200, 38400, 57600, 115200]
    suffix: Literal["CR", "LF", "CRLF"]
    prefix: str = ""


PIN_HASH = r"^(|scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+)$"


class TechnicianSettings(_Section):
    # scrypt hash from `kiosk technician-pin`; empty: technician mode cannot be entered
    pin_hash: str = Field(default="", pattern=PIN_HASH)
    # a part of the PC/SC name of the badge reader; empty: no badge reader, the PIN alone
    badge_reader: str = ""
    # scrypt hashes of the enrolled badges' UIDs, from `kiosk technician-badge`; with a
    # badge_reader the PIN opens only after one of them was shown
    badge_hashes: list[Annotated[str, Field(min_length=1, pattern=PIN_HASH)]] = []
    # where the service screen exports the spool: a removable medium's mount point, or
    # empty for the state folder's export/ (the only place the hardened unit may write)
    export_dir: str = ""
    # when the hall opens (local HH:MM): a technician taking the kiosk out of service
    # may say it is back then
    hall_opens: time = time(8, 30)


class SyncSettings(_Section):
    interval_s: Seconds
    backoff_base_s: Seconds
    backoff_cap_s: Seconds
    max_central_wait_s: Seconds
    max_faulty_answers: Annotated[int, Field(ge=1)]
    batch_threshold: Annotated[int, Field(ge=1)]
    batch_size: Annotated[int, Field(ge=1, le=100)]
    catalog_refresh_s: Annotated[float, Field(ge=60)]


class SpoolSettings(_Section):
    min_free_mb: Annotated[int, Field(ge=0)]
    max_backlog: Annotated[int, Field(ge=1)]
    max_offline_hours: Annotated[int, Field(ge=1)]
    retention_days: Annotated[int, Field(ge=1)]


class Sentences(_Section):
    """One text per language a visit can use; an empty one falls back to zh_CN."""

    zh_CN: str = ""
    zh_TW: str = ""
    en: str = ""

    def get(self, language: str) -> str:
        return getattr(self, language, "") or self.zh_CN


class MaintenanceSettings(_Section):
    at: time  # local time the nightly upkeep may start
    window_minutes: Annotated[int, Field(ge=10, le=720)]


class AuditSettings(_Section):
    rotate_mb: Annotated[float, Field(gt=0, le=1024)]
    keep_files: Annotated[int, Field(ge=1, le=10000)]


class Settings(_Section):
    device: DeviceSettings
    central: CentralSettings
    ui: UiSettings
    idcard: IdCardSettings
    printer: PrinterSettings
    a4_printer: A4PrinterSettings = A4PrinterSettings()
    scanner: ScannerSettings
    technician: TechnicianSettings = TechnicianSettings()
    sync: SyncSettings
    spool: SpoolSettings
    # where to go instead while this kiosk is out of service; empty: no place is named
    nearest_alternative: Sentences = Sentences()
    maintenance: MaintenanceSettings
    audit: AuditSettings

    def first_look(self) -> FirstLook:
        return FirstLook(self.ui.language, self.ui.hide_cursor, self.device.state_dir,
                         self.ui.hotline, self.ui.online_hall_url)


def _describe(exc: ValidationError, source: str) -> str:
    lines = [f"{source}: {len(exc.errors())} setting(s) need fixing:"]
    for err in exc.errors():
        key = ".".join(str(part) for part in err["loc"])
        if err["type"] == "extra_forbidden":
            lines.append(f"  {key}: unknown key; remove it or check its spelling "
                         "against config/kiosk.example.toml")
        elif err["type"] == "missing":
            lines.append(f"  {key}: missing; add it (see config/kiosk.example.toml)")
        else:
            lines.append(f"  {key} = {err.get('input')!r}: {err['msg']}")
    return "\n".join(lines)


def check_settings(data: dict[str, Any], source: str) -> Settings:
    """`data` as Settings, or SettingsError naming each key to fix in `source`."""
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise SettingsError(_describe(exc, source)) from None


def checked(settings: Settings | UncheckedSettings) -> Settings:
    """Every key checked; SettingsError names each one to fix. Settings were checked
    when they were made."""
    if isinstance(settings, Settings):
        return settings
    return check_settings(settings.data, settings.source)


def load_settings(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Defaults, then the site's file, then in-process overrides (the demo's wiring), checked."""
    return checked(read_settings(path, overrides))
