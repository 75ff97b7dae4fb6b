"""Test-wide settings: Qt offscreen on a portrait kiosk screen, before Qt loads."""

from __future__ import annotations

import os

from ui.offscreen import platform_spec

os.environ["QT_QPA_PLATFORM"] = platform_spec("portrait")
os.environ.pop("KIOSK_CONFIG", None)
