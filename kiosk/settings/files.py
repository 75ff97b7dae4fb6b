"""The settings files as read, before anything checks them.

Checking them is kiosk.settings.model's work, with pydantic, which takes about as long
to load as Qt itself. `kiosk run` draws its first frame (ui.welcome) from three
values read here, and has the whole checked while that frame is on the screen;
a bad file still stops the kiosk, with the same message, before a citizen can
start a visit. Everything else loads kiosk.settings.model and checks at once.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config import bundled

SITE_CONFIG = Path("/etc/kiosk/kiosk.toml")
# the languages a visit can use (kiosk.settings.UiSettings.language)
LANGUAGES = ("zh_CN", "zh_TW", "en")


class SettingsError(Exception):
    """The settings files cannot be used; the message says where and how to fix it."""


class SettingsUnreadable(SettingsError):
    """A settings file is missing or may not be read: `kiosk run` stays out of service."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: cannot be read ({why})")
        self.path, self.why = path, why


@dataclass(frozen=True)
class FirstLook:
    """What the first frame needs: which language, whether to hide the pointer, and
    where the kiosk keeps its state (the site's name comes from its credentials)."""

    language: str
    hide_cursor: bool
    state_dir: Path
    # the footer's hotline and the closed page's QR code, the same from the first frame on
    hotline: str = "12345"
    hall_url: str = ""


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc}); fix the syntax at that line") from exc
    except OSError as exc:
        raise SettingsUnreadable(path, exc.strerror or type(exc).__name__) from exc


def site_config_path() -> Path | None:
    """The file that overrides the defaults: KIOSK_CONFIG, else /etc/kiosk/kiosk.toml if present."""
    named = os.environ.get("KIOSK_CONFIG")
    if named:
        return Path(named)
    return SITE_CONFIG if SITE_CONFIG.exists() else None


@dataclass(frozen=True)
class UncheckedSettings:
    """The merged files (defaults, the site's file, in-process overrides) and where the
    last of them came from, for the messages."""

    data: dict[str, Any]
    source: str

    def first_look(self) -> FirstLook | None:
        """The first frame's three values, or None where any of them is one the check
        would refuse: then the check's own message should come first, not a window."""
        ui, device = self.data.get("ui"), self.data.get("device")
        if not isinstance(ui, dict) or not isinstance(device, dict):
            return None
        language, hide_cursor = ui.get("language"), ui.get("hide_cursor", True)
        state_dir = device.get("state_dir")
        if language not in LANGUAGES or not isinstance(hide_cursor, bool) \
                or not isinstance(state_dir, str) or not state_dir:
            return None
        hotline, hall = ui.get("hotline", "12345"), ui.get("online_hall_url", "")
        return FirstLook(language, hide_cursor, Path(state_dir),
                         hotline if isinstance(hotline, str) else "12345",
                         hall if isinstance(hall, str) and hall.startswith("https://") else "")


def refuse_writable_by_others(path: Path) -> None:
    """The site's file holds the technician PIN's hash: whoever may write it may set their
    own PIN. SettingsError when its group or others may write it."""
    mode = path.stat().st_mode
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise SettingsError(
            f"{path} may be written by its group or others (mode {stat.filemode(mode)}), and "
            f"it holds the technician PIN's hash; the kiosk does not start until you run: "
            f"chmod go-w {path}")


def default_settings() -> UncheckedSettings:
    """The kiosk's own defaults alone: what a kiosk whose site file cannot be read uses to
    say so on its screen."""
    return UncheckedSettings(_read_toml(bundled("defaults.toml")), "defaults")


def read_settings(path: Path | None = None,
                  overrides: dict[str, Any] | None = None) -> UncheckedSettings:
    """Defaults, then the site's file, then in-process overrides (the demo's wiring)."""
    data, source = default_settings().data, "defaults"
    site = path if path is not None else site_config_path()
    if site is not None:
        data = _merge(data, _read_toml(site))
        source = str(site)
    if overrides:
        data = _merge(data, overrides)
    return UncheckedSettings(data, source)
