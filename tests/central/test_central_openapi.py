"""The app's own OpenAPI description has exactly the contract's paths, methods and statuses."""

from __future__ import annotations

from typing import Any

import pytest
from central_contract_check import CONTRACT, NOT_SERVED_YET
from central_parts import Central

from central.app import create_app
from central.faults import API_PREFIX

METHODS = {"get", "post", "put", "patch", "delete"}


def operations(paths: dict[str, Any], prefix: str = "") -> dict[tuple[str, str], set[str]]:
    return {
        (path.removeprefix(prefix), method): set(operation["responses"])
        for path, item in paths.items() if path.startswith(prefix)
        for method, operation in item.items() if method in METHODS
    }


@pytest.fixture(scope="module")
def generated(central: Central) -> dict[str, Any]:
    return create_app(central.services).openapi()


def test_paths_methods_and_statuses_match_the_contract(generated: dict[str, Any]) -> None:
    served = operations(generated["paths"], API_PREFIX)
    wanted = {operation: statuses for operation, statuses in operations(CONTRACT["paths"]).items()
              if operation not in NOT_SERVED_YET}
    assert served == wanted


def test_what_is_not_served_yet_is_in_the_contract_and_not_served(
        generated: dict[str, Any]) -> None:
    assert set(NOT_SERVED_YET) <= set(operations(CONTRACT["paths"]))
    assert not set(NOT_SERVED_YET) & set(operations(generated["paths"], API_PREFIX))


def test_every_error_is_documented_as_a_problem(generated: dict[str, Any]) -> None:
    for path, item in generated["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], (
                        path, method, status)
    assert "HTTPValidationError" not in generated["components"]["schemas"]


def test_hand_read_bodies_are_described(generated: dict[str, Any]) -> None:
    batch = generated["paths"][API_PREFIX + "/submissions/batch"]["post"]["requestBody"]
    ref = batch["content"]["application/json"]["schema"]["$ref"]
    assert ref.rsplit("/", 1)[1] in generated["components"]["schemas"]
    assert "Heartbeat" in generated["components"]["schemas"]
