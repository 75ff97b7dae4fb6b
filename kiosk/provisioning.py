"""Bringing a kiosk into service: trade a technician's one-time code for a token."""

from __future__ import annotations

from kiosk import __version__
from kiosk.central_client import CentralClient
from kiosk.credentials import Credentials, save_credentials
from kiosk.settings import Settings


def enroll(settings: Settings, code: str) -> Credentials:
    """Enroll with the central named in the settings and store the credentials (0600)."""
    client = CentralClient(settings.central.url, ca_bundle=settings.central.ca_bundle,
                           connect_timeout=settings.central.connect_timeout_s,
                           read_timeout=settings.central.read_timeout_s)
    try:
        enrollment = client.enroll(code=code, serial_number=settings.device.serial_number,
                                   model=settings.device.model, software_version=__version__)
    finally:
        client.close()
    return save_credentials(settings.device.state_dir, enrollment)
