"""Trims Pipedrive's published API v2 OpenAPI document to the operations the local stand-in serves.

Usage: python trim.py openapi-v2.yaml > pipedrive-v2.trimmed.json
Keeps the chosen operations unchanged and every component they reach through $ref; nothing is edited.
"""

import json
import sys

import yaml

OPERATIONS = {
    "/deals": ("get", "post"),
    "/deals/{id}": ("get", "patch"),
    "/persons": ("post",),
    "/persons/{id}": ("get", "patch"),
    "/persons/search": ("get",),
    "/organizations": ("post",),
    "/organizations/search": ("get",),
}


def refs(node: object, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.add(ref)
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(source: str) -> None:
    doc = yaml.safe_load(open(source))
    paths = {p: {m: op for m, op in doc["paths"][p].items() if m in ms} for p, ms in OPERATIONS.items()}
    kept: dict[str, dict[str, object]] = {}
    todo: set[str] = set()
    refs(paths, todo)
    while todo:
        ref = todo.pop()
        _, _, kind, name = ref.split("/")
        if name in kept.setdefault(kind, {}):
            continue
        kept[kind][name] = doc["components"][kind][name]
        refs(kept[kind][name], todo)
    components = {"securitySchemes": doc["components"]["securitySchemes"]}
    components.update({kind: dict(sorted(items.items())) for kind, items in kept.items()})
    trimmed = {k: doc[k] for k in ("openapi", "info", "servers", "security") if k in doc}
    trimmed.update(paths=paths, components=components)
    json.dump(trimmed, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
