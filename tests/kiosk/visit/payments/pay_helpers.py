"""A kiosk's visit that pays a fee at the reference central: shared by the flow tests and
the child process a test kills between "paid" and the spooling or the print."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests
from flow_services import FlowServices

from kiosk.uplink.client import CentralClient
from kiosk.visit.flow import VisitFlow
from kiosk.visit.person import Person
from offline_queue import Spool

# a replacement ID card, a traffic fine by its number, a certified record printed once paid,
# the same record signed and printed on A4 once paid
CARD_FEE, TRAFFIC_FINE, CERTIFIED_RECORD = "440106-GAJ-002", "440106-JGJ-001", "440106-GAJ-003"
SEALED_RECORD = "440106-GAJ-004"
CHILD = Path(__file__).with_name("pay_kill_child.py")
WANG = Person(id_type="resident_id", id_number="110101195603080020", name="王秀英",
              source="id_card_reader")


def admin(admin_url: str, method: str, path: str, **kwargs) -> requests.Response:
    reply = requests.request(method, admin_url + path, timeout=5, **kwargs)
    reply.raise_for_status()
    return reply


def services_for(spool: Spool, url: str, token: str, device_id: str) -> FlowServices:
    return FlowServices(spool, CentralClient(url, token=token, read_timeout=5.0),
                        device_id=device_id)


def poll(flow: VisitFlow, services: FlowServices, clock) -> None:
    """The kiosk's clock reaches the next question, and its answer comes back."""
    clock.advance(2)
    flow.tick()
    services.settle()


def pay_by_phone(admin_url: str, payment_id: str) -> dict:
    """The citizen pays with a phone (the admin API plays the payment provider)."""
    return admin(admin_url, "POST", f"/payments/{payment_id}/paid").json()


def fill_in(flow: VisitFlow, item: str) -> None:
    """A citizen with a card fills in the form of `item` and reviews it."""
    flow.card_read(WANG)
    flow.choose(item)
    assert flow.visit.form is not None
    for name, value in (("reason", "lost"), ("phone", "13800138000"), ("consent", "yes")):
        if name in flow.visit.form.values:
            flow.set_value(name, value)
    flow.next()


def to_the_pay_code(flow: VisitFlow, services: FlowServices, item: str = CARD_FEE,
                    reference: str | None = None) -> dict:
    """A citizen with a card applies for `item` and is shown its pay code; the Payment."""
    fill_in(flow, item)
    flow.confirm()
    if reference is not None:
        flow.pay_reference(reference)
        flow.pay_open()
    services.settle()
    pay = flow.visit.pay
    assert pay is not None and pay.status == "pending", flow.visit.notice
    return pay.payment


def to_the_document_pay_code(flow: VisitFlow, services: FlowServices,
                             item: str = CERTIFIED_RECORD) -> dict:
    """A citizen with a card asks for the certified record (on the receipt printer, or
    `item`) and is shown its pay code."""
    flow.card_read(WANG)
    flow.choose(item)
    flow.set_value("purpose", "school")
    flow.next()
    services.settle()
    pay = flow.visit.pay
    assert pay is not None and pay.status == "pending", flow.visit.notice
    return pay.payment


def kill_between_paid_and_the_put(db: Path, key: Path, url: str, token: str,
                                  device_id: str, item: str = CARD_FEE) -> str:
    """A kiosk process on this spool pays the fee of `item` and is SIGKILLed after the
    payment was recorded paid: at the spooling of a submission, at the print of a
    document; the payment's key."""
    run = subprocess.run([sys.executable, str(CHILD), str(db), str(key), url, token,
                          device_id, item], capture_output=True, text=True, timeout=120)
    assert run.returncode == -9, run.stderr
    return run.stdout.split()[1]
