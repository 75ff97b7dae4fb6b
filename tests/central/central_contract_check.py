"""Checks HTTP answers against `contracts/central-api.yaml` itself, not against our models.

No JSON Schema library is installed, so this reads the small subset of
JSON Schema the contract uses. It is stricter than the contract in one way on
purpose: an object that lists `properties` may not carry undeclared ones, so
a response with a misspelt or stray field fails.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
import yaml

CONTRACT_PATH = Path(__file__).resolve().parents[2] / "contracts" / "central-api.yaml"
CONTRACT: dict[str, Any] = yaml.safe_load(CONTRACT_PATH.read_text(encoding="utf-8"))
# The operations of the contract the reference central does not serve yet, each with the
# feature that brings it. Every other operation is checked; these are checked to be
# absent, so that the list can only shrink.
NOT_SERVED_YET: dict[tuple[str, str], str] = {
}
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = CONTRACT
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _type_errors(schema: dict[str, Any], value: Any, where: str) -> list[str]:
    kind = schema.get("type")
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = kind is None or isinstance(value, _TYPES[kind])
    return [] if ok else [f"{where}: expected {kind}, got {value!r}"]


def _scalar_errors(schema: dict[str, Any], value: Any, where: str) -> list[str]:
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{where}: shorter than {schema['minLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: does not match {schema['pattern']}")
        if schema.get("format") == "date-time":
            if not _RFC3339.match(value):
                errors.append(f"{where}: {value!r} is not RFC 3339 with offset")
            else:
                datetime.fromisoformat(value)
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: below {schema['minimum']}")
    return errors


def _object_errors(schema: dict[str, Any], value: dict[str, Any], where: str) -> list[str]:
    errors = [f"{where}: missing {name}" for name in schema.get("required", [])
              if name not in value]
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", not properties)
    for name, item in value.items():
        if name in properties:
            errors += schema_errors(properties[name], item, f"{where}.{name}")
        elif isinstance(extra, dict):
            errors += schema_errors(extra, item, f"{where}.{name}")
        elif not extra:
            errors.append(f"{where}: undeclared property {name}")
    return errors


def schema_errors(schema: dict[str, Any], value: Any, where: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (empty when it conforms)."""
    schema = _resolve(schema)
    errors = _type_errors(schema, value, where)
    if errors:
        return errors
    errors = _scalar_errors(schema, value, where)
    if isinstance(value, dict):
        errors += _object_errors(schema, value, where)
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 10**9):
            errors.append(f"{where}: {len(value)} items is out of bounds")
        for index, item in enumerate(value):
            errors += schema_errors(schema.get("items", {}), item, f"{where}[{index}]")
    return errors


def assert_conforms(response: requests.Response, path: str, method: str) -> None:
    """Assert the response's status, media type and body are what the contract declares."""
    operation = CONTRACT["paths"][path][method.lower()]
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, f"{method} {path}: status {response.status_code} not in contract"
    declared = _resolve(declared)
    content = declared.get("content")
    if content is None:
        assert response.content == b"", f"{method} {path}: body where the contract has none"
        return
    media_type = response.headers["content-type"].split(";")[0]
    assert media_type in content, f"{method} {path}: media type {media_type} not declared"
    if content[media_type]["schema"].get("format") == "binary":
        assert response.content, f"{method} {path}: an empty {media_type} body"
        return
    errors = schema_errors(content[media_type]["schema"], response.json())
    assert not errors, f"{method} {path} {response.status_code}: " + "; ".join(errors)


def schema(name: str) -> dict[str, Any]:
    return CONTRACT["components"]["schemas"][name]
