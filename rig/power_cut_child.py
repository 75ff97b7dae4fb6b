"""The kiosk's side of a power-cut round: puts, claims, deliveries and retries, reported.

It writes a line to its report file (on the real disk, not the one losing
power) only after the change the line names has returned, so every line is a
promise the spool must keep after the cut. It runs until the power goes and
its calls fail, or until it is killed.
Usage: python -m rig.power_cut_child DB KEY REPORT FIRST_NUMBER
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from offline_queue import Spool

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=timezone(timedelta(hours=8)))
ID_NUMBER = "110105194912310037"


def payload(number: int) -> dict[str, Any]:
    """The submission numbered `number`, as the campaign expects to read it back."""
    return {"applicant": {"name": "王五", "id_number": ID_NUMBER},
            "form": {"n": number, "phone": f"138{number:08d}"}}


def main(db: str, key: str, report: str, first: int) -> None:
    with open(report, "a", buffering=1, encoding="utf-8") as said, \
            Spool(Path(db), Path(key), device_prefix="K0107", clock=lambda: NOW,
                  disk_free=lambda: 2**40) as spool:
        number = first
        while True:
            entry = spool.put(payload(number), item_code="A", applicant_id=ID_NUMBER)
            said.write(f"put {entry.id} {entry.local_ref} {number}\n")
            number += 1
            if number % 3:
                continue
            claimed = spool.claim_due(3)
            for done, entry in enumerate(claimed):
                if done == 2:
                    spool.mark_retry(entry.id, error="central busy", retry_at=NOW)
                    continue
                spool.mark_delivered(entry.id, case_no=f"C-{entry.local_ref}",
                                     status="received", received_at=NOW.isoformat())
                said.write(f"delivered {entry.id}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
