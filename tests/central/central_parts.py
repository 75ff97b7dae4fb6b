"""A real reference central on 127.0.0.1 for the tests of central/, and a kiosk to call it:
the parts the tests import by name (conftest.py holds the fixtures that make them; a
module named conftest is not importable by name once another folder has one).

Servers run in a thread of the test process with a manual clock, so a test
moves time instead of waiting for it. Servers are shared per module (starting
one per test would dominate the run time); tests that need a pristine server
or their own clock start one with `start_central`.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import requests

from central.clock import CHINA_TZ, ManualClock
from central.services import Services

# A Monday morning, inside the hall's hours: slots and queue tickets are open.
MONDAY_10AM = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ)

# The demo citizens of the ID-card emulator.
WANG = {"id_type": "resident_id", "id_number": "110101195603080020", "name": "王秀英"}
LI = {"id_type": "resident_id", "id_number": "440106198807210036", "name": "李明"}
CHEN = {"id_type": "resident_id", "id_number": "310104199511020041", "name": "陈晓燕"}
HUANG = {"id_type": "hk_mo_tw_residence_permit", "id_number": "810000199005120012",
         "name": "黄家明"}
ZHANG = {"id_type": "resident_id", "id_number": "370101194510090055", "name": "张建国"}

SENIOR_CARD = "440106-MZJ-001"
RESIDENCE_PERMIT = "440106-GAJ-001"
RATING = "440106-ZWB-004"
SOCIAL_INSURANCE_CERT = "440106-SBJ-001"
BUSINESS_RECORD = "440106-SCJ-001"
WINDOW_APPOINTMENT = "440106-ZWB-001"
QUEUE_TICKET = "440106-ZWB-002"


@dataclass
class Kiosk:
    """An enrolled device: a requests session carrying its bearer token."""

    base: str
    device_id: str
    token: str
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.headers["Authorization"] = f"Bearer {self.token}"

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.session.get(self.base + path, **{"timeout": 10, **kwargs})

    def post(self, path: str, body: Any, key: str | None = None,
             **kwargs: Any) -> requests.Response:
        headers = {"Idempotency-Key": key} if key else {}
        return self.session.post(self.base + path, json=body, headers=headers,
                                 **{"timeout": 10, **kwargs})

    def senior_card(self, applicant: dict[str, str] | None = None, **form: Any) -> dict[str, Any]:
        """A valid senior-citizen-card submission from this kiosk, with form overrides."""
        person = applicant or WANG
        return {
            "local_ref": "K0107-20261123-" + uuid.uuid4().hex[:4],
            "lookup_token": secrets.token_urlsafe(16),
            "item_code": SENIOR_CARD, "item_version": 1, "device_id": self.device_id,
            "created_at": "2026-11-23T09:58:00+08:00", "applicant": {**person, "source":
                                                                    "id_card_reader"},
            "form": {"name": person["name"], "id_number": person["id_number"],
                     "phone": "13800138000", "consent": True, **form},
        }


@dataclass
class Central:
    """A running reference central and the handles a test needs."""

    url: str
    clock: ManualClock
    services: Services
    kiosks: list[Kiosk] = field(default_factory=list)

    @property
    def api(self) -> str:
        return self.url + "/kiosk/v1"

    def admin(self, method: str, path: str, body: Any = None) -> requests.Response:
        return requests.request(method, f"{self.url}/admin{path}", json=body, timeout=10)

    def enroll(self, serial: str | None = None) -> Kiosk:
        code = self.admin("POST", "/enrollment-codes", {}).json()["code"]
        answer = requests.post(self.api + "/enrollments", timeout=10, json={
            "enrollment_code": code, "serial_number": serial or "SN-" + uuid.uuid4().hex[:8],
            "model": "KS-2100", "software_version": "0.1.0"})
        assert answer.status_code == 201, answer.text
        body = answer.json()
        kiosk = Kiosk(self.api, body["device_id"], body["device_token"])
        self.kiosks.append(kiosk)
        return kiosk

    def counters(self) -> dict[str, Any]:
        return self.admin("GET", "/counters").json()


StartCentral = Callable[..., Central]
