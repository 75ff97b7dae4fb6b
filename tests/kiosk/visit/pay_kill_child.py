"""A kiosk that is killed between hearing "paid" and spooling the submission it paid for.

argv: spool database, spool key, central URL, token, device id. It drives a real visit to the pay
code, has the citizen pay by phone, and dies (SIGKILL, as a power cut would) at the
spooling, after the payment was recorded paid; it prints the payment's key first.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime, timedelta
from pathlib import Path

# the repository first (tests/kiosk would pass for the kiosk's package), then the test
# helpers: flow_services and central_time
sys.path[:0] = [str(Path(__file__).parents[3]), str(Path(__file__).parents[1]),
                str(Path(__file__).parents[2])]

from central_time import central_now  # noqa: E402
from flow_services import FlowServices  # noqa: E402
from pay_helpers import pay_by_phone, to_the_pay_code  # noqa: E402

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
    def spool_submission(self, payload, *, item_code, applicant_id, **payment_key):
        print("killed", payment_key["payment_key"], flush=True)
        os.kill(os.getpid(), signal.SIGKILL)


def main(db: Path, key: Path, url: str, token: str, device_id: str) -> None:
    admin_url = url.rsplit("/kiosk/v1", 1)[0] + "/admin"
    clock = StoppedClock(central_now(admin_url))
    spool = Spool(db, key, device_prefix="K0107",
                  clock=clock, disk_free=lambda: 10**12)
    services = KilledAtThePut(spool, CentralClient(url, token=token), device_id=device_id)
    flow = VisitFlow(load_bundled_catalog, services, load_settings().ui, clock=clock)
    payment = to_the_pay_code(flow, services)
    pay_by_phone(admin_url, payment["payment_id"])
    clock.advance(2)
    flow.tick()
    services.settle()  # recorded paid, then the put: killed there


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:6])
