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
        self._phrases = self._phrase_words()
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
            "log_unreadable": self.tr("audit log unreadable: %1"),
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
            "unreadable_line": self.tr("Unreadable log line"),
            "refresh_catalog": self.tr("Refresh the catalog"),
            "out_of_service": self.tr("Out of service"),
            "in_service": self.tr("Back in service"),
            "print_test_page": self.tr("Print a test page"),
            "restart_app": self.tr("Restart the kiosk app"),
            "upload_diagnostics": self.tr("Upload diagnostics"),
        }
