"""What a screen shows of a citizen's values (identifiers masked as the central's paper
masks them), and a rating's standard reasons tapped into its reason field."""

from __future__ import annotations

from kiosk.catalog.items import parse_catalog
from kiosk.visit.rating_reasons import (
    TO_IMPROVE,
    WENT_WELL,
    has_reason,
    reason_field,
    reasons_for,
    toggle_reason,
)
from kiosk.visit.shown import shown_text, shown_value

TEXT = {"zh_CN": "字段"}
ITEM = parse_catalog({"version": "t1", "items": [{
    "code": "TEST-EVA-002", "version": 1, "kind": "evaluation", "title": TEXT,
    "department": TEXT, "category": "rating", "identity": "none", "offline": "spool",
    "fields": [
        {"name": "id_number", "type": "string", "format": "id_number", "label": TEXT},
        {"name": "holder", "type": "string", "prefill": "id_number", "label": TEXT},
        {"name": "uscc", "type": "string", "format": "uscc", "label": TEXT},
        {"name": "phone", "type": "string", "format": "phone_cn", "label": TEXT},
        {"name": "rating", "type": "rating", "minimum": 1, "maximum": 5, "label": TEXT},
        {"name": "why", "type": "text", "label": TEXT, "max_length": 20},
        {"name": "more", "type": "text", "label": TEXT}]}]}).item("TEST-EVA-002")
FIELDS = {f.name: f for f in ITEM.fields}


def test_identifiers_show_as_the_paper_prints_them_and_a_phone_whole() -> None:
    assert shown_value(FIELDS["id_number"], "110101195603080020") == "1101**********0020"
    assert shown_value(FIELDS["holder"], "110101195603080020") == "1101**********0020"
    assert shown_value(FIELDS["id_number"], "1101") == "****"  # a stub shows nothing of it
    assert shown_value(FIELDS["uscc"], "91350100M000100Y43") == "9135**********0Y43"
    assert shown_value(FIELDS["phone"], "13800138000") == "13800138000"  # checked by the citizen
    said = shown_text("代 110101195603080020 办理，电话 13800138000")
    assert said == "代 1101**********0020 办理，电话 13800138000"
    assert shown_value(FIELDS["id_number"], "") == ""


def test_the_chips_follow_the_level_and_go_in_and_out_of_the_reason() -> None:
    assert reasons_for(None) == () and reasons_for(1) == reasons_for(3) == TO_IMPROVE
    assert reasons_for(4) == reasons_for(5) == WENT_WELL
    assert reason_field(ITEM) == "why"
    wait, steps = TO_IMPROVE[0], TO_IMPROVE[1]
    text = toggle_reason("", wait, "zh_CN")
    assert text == "等候时间长" and has_reason(text, wait, "zh_CN")
    text = toggle_reason(text + "；窗口太少", steps, "zh_CN")
    assert text == "等候时间长；窗口太少；操作步骤多"
    assert toggle_reason(text, wait, "zh_CN") == "窗口太少；操作步骤多"  # typed words stay
    assert toggle_reason("", wait, "en") == "Long wait"
    assert toggle_reason("Long wait", steps, "en") == "Long wait; Too many steps"
    assert toggle_reason("x" * 18, wait, "zh_CN", limit=20) == "x" * 18  # past the limit
