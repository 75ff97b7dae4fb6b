"""The bundled catalog and the catalog parser's refusal of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from config import bundled
from kiosk.catalog.items import CatalogError, ItemKind, load_bundled_catalog, parse_catalog
from kiosk.visit.forms import Form

ROOT = Path(__file__).resolve().parents[3]


def test_the_bundled_catalog_is_the_reference_centrals_seed() -> None:
    """The kiosk offers the same items offline as the central serves online."""
    ours = json.loads(bundled("catalog.json").read_text(encoding="utf-8"))
    theirs = json.loads((ROOT / "central" / "seed_catalog.json").read_text(encoding="utf-8"))
    assert ours == theirs


def test_the_bundled_catalog_covers_every_kind_in_three_languages() -> None:
    catalog = load_bundled_catalog()
    assert len(catalog.items) >= 10
    assert {item.kind for item in catalog.items} == set(ItemKind)
    for item in catalog.items:
        assert item.title.zh_TW and item.title.en, item.code
        for spec in item.fields:
            assert spec.label.zh_TW and spec.label.en, (item.code, spec.name)


def test_every_bundled_item_renders_a_form_model() -> None:
    for item in load_bundled_catalog().items:
        form = Form.for_item(item, None)
        assert set(form.values) == {f.name for f in item.fields}


def test_a_catalog_with_one_bad_item_is_refused_whole() -> None:
    data = json.loads(bundled("catalog.json").read_text(encoding="utf-8"))
    data["items"][3]["kind"] = "teleport"
    with pytest.raises(CatalogError, match=r"items\.3\.kind"):
        parse_catalog(data)


@pytest.mark.parametrize("broken", [b"", b"{", b"[]", b'{"version": "1"}'])
def test_malformed_catalogs_raise_catalog_error(broken: bytes) -> None:
    with pytest.raises(CatalogError):
        parse_catalog(broken)


def test_search_finds_an_item_by_its_title_in_any_language() -> None:
    catalog = load_bundled_catalog()
    for typed in ("社会保险", "社會保險", "SOCIAL INSURANCE"):
        # the slip and the sealed A4 record
        assert [i.code for i in catalog.find(typed)] == ["440106-SBJ-001", "440106-SBJ-002"]
    assert catalog.find("no such thing") == []
    assert len(catalog.find("")) == len(catalog.items)


def test_categories_keep_catalog_order_and_filter_items() -> None:
    catalog = load_bundled_catalog()
    categories = catalog.categories()
    assert categories[0] == catalog.items[0].category
    assert len(categories) == len(set(categories))
    hall = catalog.find(category="hall")
    assert hall and all(i.category == "hall" for i in hall)
    assert [i.code for i in catalog.find("预约", category="hall")] == ["440106-ZWB-001"]
