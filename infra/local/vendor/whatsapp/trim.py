"""Trims Meta's Business Messaging (WhatsApp Cloud API) OpenAPI document to what the stand-in serves.

Usage: python trim.py business-messaging-api_v23.0.yaml > whatsapp-cloud-api.trimmed.json
Keeps the chosen operations and every component they reach through $ref. Three corrections (SOURCE.md):
1. The document merges several source files and renamed clashing webhook schemas (`TextMessage_2`,
   `BaseMessageProperties_1`, ...) without renaming the references inside that webhook block, so the
   webhook pointed at the *outbound* message schemas and refused all 16 of Meta's own webhook examples.
   Inside the block (`WebhookPayload` .. `SystemMessage`) each reference to a name the block redefines
   now points at the block's own.
2. A branch of an `allOf` saying `additionalProperties: false` refuses the properties the other branches
   declare (every text and document message Meta's examples show); the flag moves to the `allOf` as
   `unevaluatedProperties: false`, its meaning there in JSON Schema 2020-12 (OpenAPI 3.1).
3. An uploaded file is `format: binary`, OpenAPI 3.0's spelling; a 3.1 document says
   `contentMediaType: application/octet-stream` (3.1 validators refuse a file's bytes as a string).
"""

import json
import re
import sys

import yaml

OPERATIONS = {
    "/{Version}/{Phone-Number-ID}/messages": ("post",),
    "/{Version}/{Phone-Number-ID}/media": ("post",),
    "/{Version}/{Media-ID}": ("get",),
    "/whatsapp/webhooks": ("post",),
}
WEBHOOK_BLOCK = ("WebhookPayload", "SystemMessage")
SCHEMAS = "#/components/schemas/"


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


def rename_refs(node: object, names: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(SCHEMAS):
                node[key] = SCHEMAS + names.get(value[len(SCHEMAS) :], value[len(SCHEMAS) :])
            rename_refs(value, names)
        mapping = node.get("mapping")
        if isinstance(mapping, dict):
            for key, value in mapping.items():
                if isinstance(value, str) and value.startswith(SCHEMAS):
                    mapping[key] = SCHEMAS + names.get(value[len(SCHEMAS) :], value[len(SCHEMAS) :])
    elif isinstance(node, list):
        for value in node:
            rename_refs(value, names)


def rescope_webhook_block(schemas: dict[str, object]) -> None:
    order = list(schemas)
    block = order[order.index(WEBHOOK_BLOCK[0]) : order.index(WEBHOOK_BLOCK[1]) + 1]
    own = {re.sub(r"_\d+$", "", name): name for name in block if re.search(r"_\d+$", name)}
    for name in block:
        rename_refs(schemas[name], own)


def binary_as_3_1(node: object) -> None:
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "binary":
            del node["format"]
            node["contentMediaType"] = "application/octet-stream"
        for value in node.values():
            binary_as_3_1(value)
    elif isinstance(node, list):
        for value in node:
            binary_as_3_1(value)


def close_all_of(node: object) -> None:
    if isinstance(node, dict):
        for branch in node.get("allOf") or []:
            if isinstance(branch, dict) and branch.get("additionalProperties") is False:
                del branch["additionalProperties"]
                node["unevaluatedProperties"] = False
        for value in node.values():
            close_all_of(value)
    elif isinstance(node, list):
        for value in node:
            close_all_of(value)


def main(source: str) -> None:
    with open(source) as file:
        doc = yaml.safe_load(file)
    rescope_webhook_block(doc["components"]["schemas"])
    paths = {}
    for path, methods in OPERATIONS.items():
        item = doc["paths"][path]
        paths[path] = {
            k: v for k, v in item.items() if k in methods or k not in ("get", "post", "put", "delete")
        }
    kept: dict[str, dict[str, object]] = {}
    todo: set[str] = set()
    refs(paths, todo)
    while todo:
        _, _, kind, name = todo.pop().split("/")
        if name in kept.setdefault(kind, {}):
            continue
        kept[kind][name] = doc["components"][kind][name]
        refs(kept[kind][name], todo)
    components = {"securitySchemes": doc["components"]["securitySchemes"]}
    components.update({kind: dict(sorted(items.items())) for kind, items in kept.items()})
    close_all_of(components)
    binary_as_3_1(paths)
    binary_as_3_1(components)
    trimmed = {k: doc[k] for k in ("openapi", "info", "servers", "security") if k in doc}
    trimmed.update(paths=paths, components=components)
    json.dump(trimmed, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
