"""The technician report's words in the screen's language.

The core hands the report over as phrase codes with arguments, and events and
commands by their stable codes (kiosk.service.report_words); here each gets its
translation. A code this screen has no words for is shown as the core wrote it,
so a newer core never leaves a blank line.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.service.report_words import Phrase, fill


class TechnicianWords(QObject):
    """Built when a page is built, so its texts are those of the language then installed."""

    def __init__(self) -> None:
        super().__init__()
        self._phrases = {**self._phrase_words(), **self._outcome_words(),
                         **self._detail_words()}
        self._events = self._event_words()

    def phrase(self, said: Phrase) -> str:
        args = [self.phrase(arg) if isinstance(arg, Phrase) else str(arg) for arg in said.args]
        template = self._phrases.get(said.code)
        return str(said) if template is None else fill(template, args)

    def event(self, code: str) -> str:
        """An audit event's or a command's name; its code is shown beside it."""
        return self._events.get(code, code)

    @property
    def phrase_codes(self) -> set[str]:
        return set(self._phrases)

    @property
    def event_codes(self) -> set[str]:
        return set(self._events)

    def _phrase_words(self) -> dict[str, str]:
        return {
            "device": self.tr("%1 (%2), software %3"),
            "reachable": self.tr("%1: reachable"),
            "unreachable": self.tr("%1: UNREACHABLE"),
            "state_ok": self.tr("working"),
            "state_degraded": self.tr("working, with a problem"),
            "state_offline": self.tr("not connected"),
            "state_error": self.tr("out of order"),
            "state_with_detail": self.tr("%1 (%2)"),
            "none_fitted": self.tr("none fitted"),
            "spool": self.tr("%1 pending, %2 in flight, %3 delivered, %4 dead; gate %5"),
            "gate_open": self.tr("open"),
            "gate_closed": self.tr("CLOSED: %1"),
            "catalog": self.tr("version %1 (%2)"),
            "catalog_cache": self.tr("from the central"),
            "catalog_bundled": self.tr("the bundled one"),
            "upkeep_not_run": self.tr("not run yet; nightly from %1"),
            "upkeep_ran": self.tr("last run %1, spool check %2; nightly from %3"),
            "check_ok": self.tr("passed"),
            "check_failed": self.tr("FAILED: %1"),
            "none": self.tr("none"),
            "waiting_card": self.tr("waiting for a card"),
            "waiting_code": self.tr("waiting for a code"),
            "card_read": self.tr("card read OK: %1 %2"),
            "card_resident_id": self.tr("resident ID card"),
            "card_hmt_residence_permit": self.tr("HK/Macao/Taiwan residence permit"),
            "card_foreign_permanent_2017": self.tr("foreigner's permanent residence card "
                                                   "(2017)"),
            "card_foreign_permanent_2023": self.tr("foreigner's permanent residence card "
                                                   "(2023)"),
            "scan_received": self.tr("scan received: %1 characters, %2"),
            "code_receipt_qr": self.tr("a receipt's QR code"),
            "code_local_ref": self.tr("a receipt's local reference"),
            "code_digits": self.tr("digits"),
            "code_web_address": self.tr("a web address"),
            "code_text": self.tr("text"),
            "payment_paid": self.tr("%1 %2 %3 yuan receipt %4: PAID, visit ended, "
                                    "nothing delivered"),
            "payment_settling": self.tr("%1 %2 %3 yuan receipt %4: %5, being settled"),
            "pay_state_opening": self.tr("being opened"),
            "pay_state_pending": self.tr("not paid yet"),
            "log_unreadable": self.tr("audit log unreadable: %1"),
            "service_in": self.tr("in service"),
            "service_out": self.tr("OUT OF SERVICE by %1"),
            "service_out_until": self.tr("OUT OF SERVICE by %1; the page says back at %2"),
            "by_technician": self.tr("a technician here"),
            "by_central": self.tr("the central"),
        }

    def _outcome_words(self) -> dict[str, str]:
        """What came of an action, the line under the buttons."""
        return {
            "unknown_action": self.tr("unknown action %1"),
            "test_page_sent": self.tr("test page sent to the printer"),
            "no_a4_printer": self.tr("this kiosk has no A4 printer (a4_printer.queue is "
                                     "empty)"),
            "a4_test_page_sent": self.tr("A4 test page sent to %1"),
            "place_a_card": self.tr("ID-card reader %1: place a card on it (lift it and "
                                    "place it again if it lies there already)"),
            "no_scanner": self.tr("this kiosk has no scanner (scanner.port is empty)"),
            "scan_a_code": self.tr("scanner %1: scan a code"),
            "delivery_started": self.tr("delivery started"),
            "dead_retried": self.tr("%1 dead entries queued for delivery"),
            "catalog_refresh_asked": self.tr("catalog refresh asked"),
            "cannot_restart": self.tr("this kiosk cannot restart itself here"),
            "restarting": self.tr("restarting the kiosk app"),
            "export_unmounted": self.tr("nothing is mounted at %1: insert and mount the USB "
                                        "stick, then try again"),
            "export_failed": self.tr("export failed: %1"),
            "export_nothing": self.tr("nothing to export: no %1 entries"),
            "export_done": self.tr("%1 entries written to %2: %3; %4"),
            "export_file": self.tr("%1 (%2 %3)"),
            "export_handling": self.tr("mode 0600; it holds personal data: hand it over, "
                                       "then shred it"),
            "entry_pending": self.tr("pending"),
            "entry_in_flight": self.tr("in flight"),
            "entry_dead": self.tr("dead"),
            "listed": self.tr("%1, %2"),
            "either": self.tr("%1 or %2"),
            "no_payments": self.tr("no payments on this kiosk"),
            "payment_cleared_refunded": self.tr("%1 %2 yuan: cleared, refunded at the "
                                                "counter"),
            "payment_cleared_delivered_by_hand": self.tr("%1 %2 yuan: cleared, given at the "
                                                         "counter"),
            "payment_how_unknown": self.tr("how is one of %1"),
            "payment_not_to_clear": self.tr("no paid payment %1 whose visit ended"),
            "cannot_take_out": self.tr("this kiosk cannot be taken out of service from here"),
            "taken_out": self.tr("out of service; the page says no time back"),
            "taken_out_until": self.tr("out of service; the page says back at %1"),
            "back_in_service": self.tr("back in service"),
            "still_out_by_central": self.tr("your order is lifted; the central's order keeps "
                                            "the kiosk out of service"),
        }

    def _detail_words(self) -> dict[str, str]:
        """What a driver says of its device; one the kiosk does not know is marked as the
        device's own words, so a technician does not take it for the kiosk's."""
        return {
            "device_says": self.tr("the device says “%1”"),
            "detail_not_yet_seen": self.tr("not yet seen"),
            "detail_paper_near_end": self.tr("paper near end"),
            "detail_paper_out": self.tr("paper out"),
            "detail_cover_open": self.tr("cover open"),
            "detail_printer_fault": self.tr("printer fault"),
            "detail_offline": self.tr("offline"),
            "detail_no_answer": self.tr("no answer"),
            "detail_status_unknown_link": self.tr("status unknown: this connection cannot "
                                                  "read it"),
            "detail_status_unknown_silent": self.tr("status unknown: no answer to the status "
                                                    "question"),
            "detail_status_not_asked": self.tr("status unknown: not asked (status policy "
                                               "none)"),
            "detail_paper_jam": self.tr("paper jam"),
            "detail_door_open": self.tr("door open"),
            "detail_toner_empty": self.tr("toner empty"),
            "detail_paper_tray_missing": self.tr("paper tray missing"),
            "detail_paper_low": self.tr("paper low"),
            "detail_toner_low": self.tr("toner low"),
            "detail_printer_offline": self.tr("printer offline"),
            "detail_queue_paused": self.tr("print queue paused"),
            "detail_queue_stopped": self.tr("print queue stopped"),
            "detail_not_accepting": self.tr("print queue not accepting jobs"),
            "detail_queue_paused_saying": self.tr("print queue paused: %1"),
            "detail_queue_stopped_saying": self.tr("print queue stopped: %1"),
            "detail_not_accepting_saying": self.tr("print queue not accepting jobs: %1"),
            "detail_line_errors": self.tr("errors on the serial line"),
            "detail_port_unavailable": self.tr("serial port unavailable"),
            "detail_reader_not_answering": self.tr("reader not answering"),
            "detail_sam_failed": self.tr("security module (SAM) failed: %1"),
            "detail_internal_error": self.tr("internal error"),
            "detail_internal_error_saying": self.tr("internal error: %1"),
            "detail_failing_reads": self.tr("reads keep failing: %1"),
            "detail_status_read_failed": self.tr("status could not be read: %1"),
            "detail_garbled_status": self.tr("garbled status reply: %1"),
            "detail_not_connected": self.tr("its port cannot be opened: %1"),
            "detail_disconnected": self.tr("its connection was lost: %1"),
            "detail_pcsc_down": self.tr("smart-card service (PC/SC) not available"),
            "detail_no_smartcard_reader": self.tr("no smart-card reader"),
            "detail_card_stuck": self.tr("card does not answer; remove it"),
            "detail_named_reader": self.tr("reader %1"),
        }

    def _event_words(self) -> dict[str, str]:
        return {
            "app_started": self.tr("App started"),
            "app_stopped": self.tr("App stopped"),
            "provisioned": self.tr("Provisioned"),
            "visit_started": self.tr("Visit started"),
            "visit_ended": self.tr("Visit ended"),
            "submission_spooled": self.tr("Submission saved"),
            "submission_delivered": self.tr("Submission delivered"),
            "submission_dead": self.tr("Submission refused"),
            "payment_paid_visit_ended": self.tr("Paid, visit ended unfinished"),
            "payment_undelivered": self.tr("Paid, document not delivered"),
            "payment_cleared": self.tr("Paid fee cleared by hand"),
            "personal_data_purged": self.tr("Personal data erased"),
            "technician_login": self.tr("Technician signed in"),
            "technician_login_failed": self.tr("Technician sign-in failed"),
            "technician_action": self.tr("Technician action"),
            "device_status_changed": self.tr("Device state changed"),
            "command_executed": self.tr("Central's command carried out"),
            "config_changed": self.tr("Settings changed"),
            "audit_log_repaired": self.tr("Audit log repaired"),
            "audit_log_rotated": self.tr("Audit log rotated"),
            "maintenance_done": self.tr("Nightly upkeep done"),
            "spool_check_failed": self.tr("Spool check failed"),
            "spool_set_aside": self.tr("Spool set aside"),
            "document_refused": self.tr("Document refused"),
            "out_of_service_set": self.tr("Taken out of service"),
            "out_of_service_lifted": self.tr("Out-of-service order lifted"),
            "unreadable_line": self.tr("Unreadable log line"),
            "refresh_catalog": self.tr("Refresh the catalog"),
            "out_of_service": self.tr("Out of service"),
            "in_service": self.tr("Back in service"),
            "print_test_page": self.tr("Print a test page"),
            "restart_app": self.tr("Restart the kiosk app"),
            "upload_diagnostics": self.tr("Upload diagnostics"),
        }
