"""The details the kiosk's drivers give of a device's state, as phrase codes.

A driver says what is wrong in English ("paper out", a CUPS reason, "SAM: …"),
and that English goes on to the log and, in the heartbeat, to the central. The
technician's screen says it in the kiosk's language: each detail a driver is
known to give has a code here whose English is exactly the driver's text, so
the log reads as before. A detail the kiosk does not know (a CUPS reason of a
new printer, an operating system's error) keeps the device's own words.
"""

from __future__ import annotations

# each detail given whole: its code, and its English as the driver gives it (the tests
# check that every detail of the drivers' is here)
WHOLE = {
    "detail_not_yet_seen": "not yet seen",
    "detail_paper_near_end": "paper near end",
    "detail_paper_out": "paper out",
    "detail_cover_open": "cover open",
    "detail_printer_fault": "printer error",
    "detail_offline": "offline",
    "detail_no_answer": "no answer",
    "detail_status_unknown_link": "status unknown: this connection cannot read it",
    "detail_status_unknown_silent": "status unknown: no answer to DLE EOT",
    "detail_status_not_asked": "status unknown: not asked (status policy none)",
    "detail_paper_jam": "paper jam",
    "detail_door_open": "door open",
    "detail_toner_empty": "toner empty",
    "detail_paper_tray_missing": "paper tray missing",
    "detail_paper_low": "paper low",
    "detail_toner_low": "toner low",
    "detail_printer_offline": "printer offline",
    "detail_queue_paused": "queue paused",
    "detail_queue_stopped": "queue stopped",
    "detail_not_accepting": "queue not accepting jobs",
    "detail_line_errors": "line errors",
    "detail_port_unavailable": "port unavailable",
    "detail_reader_not_answering": "reader not answering",
    "detail_pcsc_down": "PC/SC service not available",
    "detail_no_smartcard_reader": "no smart-card reader",
    "detail_card_stuck": "card does not answer; remove it",
    "detail_internal_error": "internal error",
}
# each detail that starts with what went wrong and goes on, after ": ", with the failure
# in the device's or the system's own words: its code, and the start as the driver gives it
LEADING = {
    "detail_queue_paused_saying": "queue paused",
    "detail_queue_stopped_saying": "queue stopped",
    "detail_not_accepting_saying": "queue not accepting jobs",
    "detail_sam_failed": "SAM",
    "detail_internal_error_saying": "internal error",
    "detail_failing_reads": "failing reads",
    "detail_status_read_failed": "status read failed",
    "detail_garbled_status": "garbled status reply",
    "detail_not_connected": "not connected",
    "detail_disconnected": "disconnected",
}
# the smart-card reader that works names itself: "reader <its PC/SC name>"
NAMED_READER = ("detail_named_reader", "reader ")


def english() -> dict[str, str]:
    """Every detail code's English, with %1 where the rest of the detail goes."""
    return {**WHOLE, **{code: f"{start}: %1" for code, start in LEADING.items()},
            NAMED_READER[0]: NAMED_READER[1] + "%1", "device_says": "%1"}
