"""Generated requests for every operation of the contract file, against the real central.

schemathesis reads `central-api.yaml` itself (never the server's own OpenAPI),
draws schema-valid and schema-breaking requests for each operation, sends them
over HTTP to a seeded central as an enrolled kiosk, and checks each answer:
no server error, a documented status, the documented media type, headers and
body schema, schema-breaking input refused, and no operation served without
the device token.

Bounded so the suite stays fast: a fixed number of examples per operation,
derandomized so every run sends the same requests. The schema is loaded at
import and the server's URL and token are handed to each call, because
schemathesis' fixture-loaded schemas (`schemathesis.pytest.from_fixture`) do
not run under pytest 9.2.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from central_contract_check import CONTRACT_PATH, NOT_SERVED_YET
from central_parts import Central
from schemathesis import Case
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import negative_data_rejection

EXAMPLES_PER_OPERATION = 30
BATCH = "POST /submissions/batch"


contract = schemathesis.openapi.from_path(CONTRACT_PATH, config=schemathesis.Config.from_dict({
    "generation": {"max-examples": EXAMPLES_PER_OPERATION, "deterministic": True},
    "checks": {
        # Schema-valid is not acceptable: the contract answers 422 to a well-formed
        # submission that breaks a business rule (unknown item, bad ID number).
        "positive_data_acceptance": {"enabled": False},
        # Every client error the contract names but 429, which means "later", not "no".
        "negative_data_rejection": {"expected-statuses": [401, 404, 409, 413, 422]},
    },
})).exclude(name=[f"{method.upper()} {path}" for path, method in NOT_SERVED_YET])


@pytest.fixture(scope="module")
def as_kiosk(central: Central) -> dict[str, Any]:
    """Where and how an enrolled kiosk calls the central: the base URL and its token."""
    kiosk = central.enroll()
    return {"base_url": central.api, "headers": {"Authorization": f"Bearer {kiosk.token}"}}


def _breaks_schema(case: Case) -> bool:
    return case.meta is not None and case.meta.generation.mode.is_negative


def _batch_judged_entry_by_entry(case: Case, response: Response) -> bool:
    """Whether a schema-breaking batch was answered 200, having refused the broken entry.

    The contract judges each entry as if sent alone, so a broken entry gets its
    own 422 result inside a 200 rather than failing the whole batch.
    """
    if case.operation.label != BATCH or response.status_code != 200 or not _breaks_schema(case):
        return False
    statuses = [result["status"] for result in response.json()["results"]]
    assert 422 in statuses, statuses
    return True


@contract.parametrize()
def test_every_answer_is_one_the_contract_documents(case: Case,
                                                    as_kiosk: dict[str, Any]) -> None:
    response = case.call(**as_kiosk)
    excluded = [negative_data_rejection] if _batch_judged_entry_by_entry(case, response) else []
    case.validate_response(response, excluded_checks=excluded, headers=as_kiosk["headers"],
                           transport_kwargs=as_kiosk)
