"""Child of the kill campaign: a kiosk spooling citizens' submissions for ever, one after the
other, as the visit flow spools them; it prints `put ID LOCAL_REF` only once the put has
committed, so every line the campaign reads is a submission the kiosk has confirmed to a
citizen, and must deliver whatever happens next.

    KIOSK_CONFIG=site.toml python -m bench.spooling_child FIRST
"""

from __future__ import annotations

import itertools
import sys

from kiosk.clock import local_now
from kiosk.core import open_spool
from kiosk.settings.model import load_settings
from kiosk.uplink.credentials import load_credentials
from rig.campaign import SENIOR_CARD, SENIOR_ID_NUMBER, senior_card_payload


def main(first: int) -> None:
    settings = load_settings()
    credentials = load_credentials(settings.device.state_dir)
    assert credentials is not None, "the campaign enrols its kiosk first"
    with open_spool(settings, local_now, exclusive=True) as spool:
        for n in itertools.count(first):
            entry = spool.put(senior_card_payload(credentials.device_id, n),
                              item_code=SENIOR_CARD, applicant_id=SENIOR_ID_NUMBER)
            print(f"put {entry.id} {entry.local_ref}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
