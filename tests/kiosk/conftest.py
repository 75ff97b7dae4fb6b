"""The flow's services over real parts, and a small catalog for the flow tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flow_services import FlowServices

from kiosk.catalog.items import Catalog, parse_catalog
from kiosk.settings.model import load_settings
from offline_queue import Spool

SENIOR_CARD = {
    "code": "TEST-SUB-001", "version": 3, "kind": "submission",
    "title": {"zh_CN": "老年人优待证申领", "zh_TW": "老年人優待證申領", "en": "Senior card"},
    "department": {"zh_CN": "民政局", "en": "Civil Affairs"},
    "category": "elderly", "identity": "id_card", "offline": "spool", "promise_days": 5,
    "fields": [
        {"name": "name", "type": "string", "label": {"zh_CN": "姓名", "en": "Name"},
         "required": True, "prefill": "name"},
        {"name": "id_number", "type": "string", "format": "id_number",
         "label": {"zh_CN": "身份证号", "en": "ID number"}, "required": True,
         "prefill": "id_number"},
        {"name": "phone", "type": "string", "format": "phone_cn",
         "label": {"zh_CN": "手机号码", "zh_TW": "手機號碼", "en": "Mobile phone"},
         "required": True},
        {"name": "agree", "type": "consent", "label": {"zh_CN": "同意", "en": "I agree"},
         "required": True},
    ],
}
QUERY = {
    "code": "TEST-QRY-001", "version": 1, "kind": "query_print",
    "title": {"zh_CN": "社保缴费证明", "en": "Social insurance certificate"},
    "department": {"zh_CN": "人社局", "en": "HRSS"}, "category": "insurance",
    "identity": "id_card", "offline": "unavailable", "fields": [],
}
RATING = {
    "code": "TEST-EVA-001", "version": 1, "kind": "evaluation",
    "title": {"zh_CN": "服务评价", "en": "Rate our service"},
    "department": {"zh_CN": "政务服务中心", "en": "Service centre"}, "category": "rating",
    "identity": "none", "offline": "spool",
    "fields": [{"name": "rating", "type": "rating", "minimum": 1, "maximum": 5,
                "label": {"zh_CN": "满意度", "en": "Rating"}, "required": True}],
}


@pytest.fixture
def catalog() -> Catalog:
    return parse_catalog({"version": "t1", "items": [SENIOR_CARD, QUERY, RATING]})


@pytest.fixture
def services(spool: Spool) -> FlowServices:
    return FlowServices(spool)


@pytest.fixture
def ui_settings():
    return load_settings().ui


@pytest.fixture
def spool(tmp_path: Path, clock) -> Iterator[Spool]:
    with Spool(tmp_path / "spool.sqlite3", tmp_path / "spool.key", device_prefix="K0107",
               clock=clock, disk_free=lambda: 10**12) as s:
        yield s
