"""OpenSearch's published API description (infra/local/vendor/opensearch, trimmed to the adapter's operations)
as a request checker: method and path, every query parameter, and the body against the operation's schema.

openapi-core is not used: the spec is OpenAPI 3.1 whose `oneOf`s overlap (`{"key": "asc"}` is both a
`FieldWithDirection` and a `SortOptions`), and opensearch-py sends `_bulk` as `application/json` where the
spec says `application/x-ndjson` (OpenSearch accepts both). So `oneOf` is checked as `anyOf`, and bulk bodies
are read as NDJSON whatever their content type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC = Path(__file__).resolve().parents[1] / "vendor" / "opensearch" / "opensearch.trimmed.json"
URI = "urn:opensearch-api-specification"


class Refused(Exception):
    """What OpenSearch refuses, with the status and error type it answers."""

    def __init__(self, status: int, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.kind, self.reason = status, kind, reason


class NotModelled(Exception):
    """Valid for OpenSearch, but this stand-in does not implement it."""


@dataclass(frozen=True)
class Operation:
    group: str
    path_params: dict[str, str]
    body: Any  # parsed JSON, a list of NDJSON lines for bulk, or None


def _as_any_of(node: Any) -> Any:
    if isinstance(node, dict):
        return {("anyOf" if k == "oneOf" else k): _as_any_of(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_any_of(v) for v in node]
    return node


@cache
def spec() -> dict[str, Any]:
    return _as_any_of(json.loads(SPEC.read_text()))


@cache
def _registry() -> Registry:
    return Registry().with_resource(URI, DRAFT202012.create_resource(spec()))


@cache
def _routes() -> list[tuple[re.Pattern[str], str]]:
    def literal_first(path: str) -> tuple[int, int]:
        return (-sum(1 for part in path.split("/") if part and "{" not in part), path.count("{"))

    return [
        (re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + "$"), path)
        for path in sorted(spec()["paths"], key=literal_first)
    ]


def _validate(pointer: str, value: Any) -> str | None:
    validator = Draft202012Validator({"$ref": f"{URI}#{pointer}"}, registry=_registry())
    error = next(iter(validator.iter_errors(value)), None)
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path)
    return f"{error.message[:300]} at [{where}]"


def _resolve(node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    ref = node["$ref"]
    name = ref.rsplit("/", 1)[-1]
    return f"/components/parameters/{name}", spec()["components"]["parameters"][name]


def _query_value_fits(pointer: str, raw: str) -> bool:
    candidates: list[Any] = [raw, raw.split(",")]
    if raw in ("true", "false"):
        candidates.append(raw == "true")
    if re.fullmatch(r"-?\d+", raw):
        candidates.append(int(raw))
    return any(_validate(pointer + "/schema", c) is None for c in candidates)


def check(method: str, path: str, args: dict[str, str], raw_body: bytes) -> Operation:
    """The operation a request is, or Refused as OpenSearch answers a request it has no handler for."""
    allowed: list[str] = []
    for pattern, template in _routes():
        found = pattern.match(path)
        if not found:
            continue
        item = spec()["paths"][template]
        allowed += [m.upper() for m in item]
        operation = item.get(method.lower())
        if operation is not None:
            return _checked(operation, template, found.groupdict(), args, raw_body)
    if allowed:
        reason = f"Incorrect HTTP method for uri [{path}] and method [{method}], allowed: {allowed}"
        raise Refused(405, "method_not_allowed", reason)
    raise Refused(400, "no_handler", f"no handler found for uri [{path}] and method [{method}]")


def _checked(
    operation: dict[str, Any], template: str, path_params: dict[str, str], args: dict[str, str], raw: bytes
) -> Operation:
    by_name = {(p["in"], p["name"]): pointer for pointer, p in map(_resolve, operation.get("parameters", []))}
    for name, value in args.items():
        pointer = by_name.get(("query", name))
        if pointer is None:
            raise Refused(400, "illegal_argument_exception",
                              f"request [{template}] contains unrecognized parameter: [{name}]")  # fmt: skip
        if not _query_value_fits(pointer, value):
            raise Refused(400, "illegal_argument_exception", f"invalid value [{value}] for [{name}]")
    return Operation(operation["x-operation-group"], path_params, _body(operation, raw))


def _body(operation: dict[str, Any], raw: bytes) -> Any:
    ref = operation.get("requestBody", {}).get("$ref")
    if not raw.strip():
        if ref and spec()["components"]["requestBodies"][ref.rsplit("/", 1)[-1]].get("required"):
            raise Refused(400, "parse_exception", "request body is required")
        return None
    if not ref:
        raise Refused(400, "illegal_argument_exception", "request does not support having a body")
    name = ref.rsplit("/", 1)[-1]
    content = spec()["components"]["requestBodies"][name]["content"]
    kind = next(iter(content))
    try:
        if kind == "application/x-ndjson":
            body: Any = [json.loads(line) for line in raw.decode().splitlines() if line.strip()]
        else:
            body = json.loads(raw)
    except ValueError as error:
        raise Refused(400, "parsing_exception", f"request body is not JSON: {error}") from None
    problem = _validate(f"/components/requestBodies/{name}/content/{kind.replace('/', '~1')}/schema", body)
    if problem:
        raise Refused(400, "x_content_parse_exception", problem)
    return body


def known_properties(schema_name: str) -> set[str]:
    """The property names a schema of the document declares (through allOf), cut or not."""
    schema = spec()["components"]["schemas"][schema_name]
    names: set[str] = set()
    for part in schema.get("allOf", [schema]):
        if "$ref" in part:
            names |= known_properties(part["$ref"].rsplit("/", 1)[-1])
        names |= set(part.get("properties", {}))
    return names
