"""GET /catalog and the seeded catalog's content."""

from __future__ import annotations

import json
from pathlib import Path

import requests
from central_contract_check import assert_conforms, schema, schema_errors
from central_parts import Central, Kiosk

import central

SEED_CATALOG = json.loads((Path(central.__file__).parent / "seed_catalog.json").read_text("utf-8"))
ITEMS = {item["code"]: item for item in SEED_CATALOG["items"]}


def test_the_catalog_comes_with_an_etag_and_a_304_when_unchanged(kiosk: Kiosk) -> None:
    first = kiosk.get("/catalog")
    assert first.status_code == 200
    assert_conforms(first, "/catalog", "get")
    etag = first.headers["ETag"]
    assert first.json() == SEED_CATALOG
    for header in (etag, f"W/{etag}", f'"other", {etag}'):
        unchanged = kiosk.get("/catalog", headers={"If-None-Match": header})
        assert unchanged.status_code == 304
        assert unchanged.content == b""
        assert unchanged.headers["ETag"] == etag
    assert kiosk.get("/catalog", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_the_seed_catalog_follows_the_contract() -> None:
    assert schema_errors(schema("Catalog"), SEED_CATALOG) == []


def test_the_seed_catalog_covers_every_kind_in_three_languages() -> None:
    assert len(ITEMS) >= 10
    assert {item["kind"] for item in ITEMS.values()} == {
        "query_print", "submission", "appointment", "case_status", "evaluation"}
    texts = [item[key] for item in ITEMS.values() for key in ("title", "department")]
    texts += [spec["label"] for item in ITEMS.values() for spec in item["fields"]]
    assert all(set(text) == {"zh_CN", "zh_TW", "en"} for text in texts)


def test_the_senior_card_form_asks_for_a_phone_and_prefills_from_the_card() -> None:
    fields = {spec["name"]: spec for spec in ITEMS["440106-MZJ-001"]["fields"]}
    assert fields["phone"]["format"] == "phone_cn" and fields["phone"]["required"]
    assert fields["name"]["prefill"] == "name"
    assert fields["id_number"]["prefill"] == "id_number"
    assert fields["consent"]["type"] == "consent"


def test_the_rating_item_has_the_five_fixed_levels() -> None:
    item = ITEMS["440106-ZWB-004"]
    rating = {spec["name"]: spec for spec in item["fields"]}["rating"]
    assert [option["label"]["zh_CN"] for option in rating["options"]] == [
        "非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert {spec["name"] for spec in item["fields"]} == {"rating", "reason"}


def test_the_business_record_item_takes_a_uscc_and_manual_identity() -> None:
    item = ITEMS["440106-SCJ-001"]
    assert item["identity"] == "id_card_or_manual"
    assert [spec.get("format") for spec in item["fields"]] == ["uscc"]


def test_a_catalog_request_without_a_token_is_unauthorized(central: Central) -> None:
    answer = requests.get(central.api + "/catalog", timeout=10)
    assert answer.status_code == 401
    assert_conforms(answer, "/catalog", "get")
