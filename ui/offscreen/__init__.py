"""Screen descriptions for Qt's offscreen platform.

The default offscreen screen is 800×800 and drops touches outside it; the
tests and the headless demo need the kiosk's real portrait or landscape size.
"""

from __future__ import annotations

from importlib import resources


def platform_spec(orientation: str = "portrait") -> str:
    """A QT_QPA_PLATFORM value for an offscreen screen of the kiosk's size."""
    path = resources.files(__name__).joinpath(f"{orientation}.json")
    return f"offscreen:configfile={path}"
