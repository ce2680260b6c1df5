"""Telegram's Bot API types and methods (infra/local/vendor/telegram/api.min.json, see SOURCE.md), used by the
stand-in to check each call the product makes and each update it delivers."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SPEC = Path(__file__).resolve().parents[1] / "vendor" / "telegram" / "api.min.json"
_SCALARS: dict[str, tuple[type, ...]] = {
    "Integer": (int,),
    "Float": (int, float),
    "String": (str,),
    "Boolean": (bool,),
    "True": (bool,),
}


@cache
def spec() -> dict[str, Any]:
    return dict(json.loads(SPEC.read_text()))


def method_problems(method: str, params: dict[str, Any], files: frozenset[str] = frozenset()) -> list[str]:
    """What is wrong with a call: unknown method, a missing required field, an unknown field, a wrong type."""
    found = spec()["methods"].get(method)
    if found is None:
        return [f"{method}: no such Bot API method"]
    fields = {f["name"]: f for f in found.get("fields", [])}
    problems = [f"{method}: unknown field {name!r}" for name in params if name not in fields]
    for name, field in fields.items():
        if name not in params and name not in files:
            if field["required"]:
                problems.append(f"{method}: required field {name!r} missing")
            continue
        if name in files:
            if "InputFile" not in field["types"]:
                problems.append(f"{method}.{name}: a file upload where {field['types']} is expected")
            continue
        problems += _value_problems(f"{method}.{name}", field["types"], params[name], from_form=True)
    return problems


def object_problems(type_name: str, value: Any, path: str = "") -> list[str]:
    """What is wrong with an object of a Bot API type (an Update and every object in it)."""
    kind = spec()["types"].get(type_name)
    where = path or type_name
    if kind is None:
        return [f"{where}: no such type {type_name}"]
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    fields = {f["name"]: f for f in kind.get("fields", [])}
    problems = [f"{where}: unknown field {name!r}" for name in value if name not in fields]
    for name, field in fields.items():
        if name not in value:
            problems += [f"{where}: required field {name!r} missing"] if field["required"] else []
            continue
        problems += _value_problems(f"{where}.{name}", field["types"], value[name])
    return problems


def _value_problems(where: str, types: list[str], value: Any, from_form: bool = False) -> list[str]:
    for kind in types:
        if kind.startswith("Array of "):
            if isinstance(value, list) and all(not _value_problems(where, [kind[9:]], v) for v in value):
                return []
            continue
        if kind in _SCALARS:
            if from_form and isinstance(value, str) and kind in ("Integer", "Float"):
                value_ok = value.lstrip("-").replace(".", "", kind == "Float").isdigit()
            else:
                value_ok = isinstance(value, _SCALARS[kind]) and not (
                    kind != "Boolean" and isinstance(value, bool)
                )
            if value_ok or (from_form and kind == "String" and isinstance(value, str)):
                return []
            continue
        if kind in spec()["types"] and not (problems := object_problems(kind, value, where)):
            return []
        if kind in spec()["types"] and len(types) == 1:
            return problems
    return [f"{where}: {value!r:.60} is not {' or '.join(types)}"]
