"""A kiosk that is killed between hearing "paid" and giving what was paid for: the spooling
of a submission, or the print of a document.

argv: spool database, spool key, central URL, token, device id, item code. It drives a real
visit to the pay code, has the citizen pay by phone, and dies (SIGKILL, as a power cut
would) at the spooling or the print, after the payment was recorded paid; it prints the
payment's key first.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime, timedelta
from pathlib import Path

# the repository first (tests/kiosk would pass for the kiosk's package), then the test
# helpers: flow_services and central_time
sys.path[:0] = [str(Path(__file__).parents[4]), str(Path(__file__).parents[2]),
                str(Path(__file__).parents[3])]

from central_time import central_now  # noqa: E402
from flow_services import FlowServices  # noqa: E402
from pay_helpers import (  # noqa: E402
    CERTIFIED_RECORD,
    pay_by_phone,
    to_the_document_pay_code,
    to_the_pay_code,
)

from kiosk.catalog.items import load_bundled_catalog  # noqa: E402
from kiosk.settings.model import load_settings  # noqa: E402
from kiosk.uplink.client import CentralClient  # noqa: E402
from kiosk.visit.flow import VisitFlow  # noqa: E402
from offline_queue import Spool  # noqa: E402


class StoppedClock:
    """The kiosk's time, moved by this script alone."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class KilledAtThePut(FlowServices):
    paying = ""  # the key of the payment being paid: the print has no other way to name it

    def _killed(self, key: str) -> None:
        print("killed", key, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    def spool_submission(self, payload, *, item_code, applicant_id, **payment_key):
        self._killed(payment_key["payment_key"])

    def print(self, doc, done) -> None:
        self._killed(self.paying)


def main(db: Path, key: Path, url: str, token: str, device_id: str, item: str) -> None:
    admin_url = url.rsplit("/kiosk/v1", 1)[0] + "/admin"
    clock = StoppedClock(central_now(admin_url))
    spool = Spool(db, key, device_prefix="K0107",
                  clock=clock, disk_free=lambda: 10**12)
    services = KilledAtThePut(spool, CentralClient(url, token=token), device_id=device_id)
    flow = VisitFlow(load_bundled_catalog, services, load_settings().ui, clock=clock)
    if item == CERTIFIED_RECORD:
        payment = to_the_document_pay_code(flow, services)
    else:
        payment = to_the_pay_code(flow, services, item)
    services.paying = flow.visit.pay.key
    pay_by_phone(admin_url, payment["payment_id"])
    clock.advance(2)
    flow.tick()
    services.settle()  # recorded paid, then the put: killed there
    services.settle()  # or the document's answer, then its print: killed there


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:7])
