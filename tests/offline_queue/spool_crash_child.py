"""Child process of the crash test: puts (and delivers) entries for ever, reporting each one.

It prints a line only after the change it names has committed, so every line
the parent reads is a promise the spool must keep after a SIGKILL.
Usage: python spool_crash_child.py DB KEY
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from offline_queue import Spool

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=timezone(timedelta(hours=8)))


def main(db: str, key: str) -> None:
    with Spool(Path(db), Path(key), device_prefix="K0107", clock=lambda: NOW,
               disk_free=lambda: 2**40) as spool:
        print("ready", flush=True)
        count = 0
        while True:
            entry = spool.put({"applicant": {"name": "王五", "id_number": "110105194912310037"},
                               "form": {"n": count}}, item_code="A",
                              applicant_id="110105194912310037")
            print(f"put {entry.id} {entry.local_ref}", flush=True)
            count += 1
            if count % 3 == 0:
                for claimed in spool.claim_due(2):
                    spool.mark_delivered(claimed.id, case_no=f"C-{claimed.local_ref}",
                                         status="received", received_at=NOW.isoformat())
                    print(f"delivered {claimed.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
