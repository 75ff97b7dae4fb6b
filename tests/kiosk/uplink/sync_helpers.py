"""What the sync tests share: submissions the reference central accepts, spooled the way the
visit flow spools them (the `kiosk` child and its site file are rig.campaign's)."""

from __future__ import annotations

from offline_queue import Spool, SpoolEntry
from rig.campaign import SENIOR_CARD, SENIOR_ID_NUMBER, senior_card_payload


def put(spool: Spool, device_id: str, n: int = 0, item_code: str = SENIOR_CARD) -> SpoolEntry:
    payload = senior_card_payload(device_id, n)
    payload["item_code"] = item_code
    return spool.put(payload, item_code=item_code, applicant_id=SENIOR_ID_NUMBER)
