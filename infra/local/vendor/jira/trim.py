"""Trims Atlassian's Jira Cloud platform REST v3 OpenAPI document to the operations the stand-in serves.

Usage: python trim.py platform-swagger.v3.json > jira-platform-v3.trimmed.json
Keeps the chosen paths unchanged and every component schema they reach through $ref; nothing is edited.
"""

import json
import sys

PATHS = (
    "/rest/api/3/issue",
    "/rest/api/3/issue/{issueIdOrKey}",
    "/rest/api/3/issue/{issueIdOrKey}/transitions",
    "/rest/api/3/issue/{issueIdOrKey}/comment",
    "/rest/api/3/user/search",
)
METHODS = {"/rest/api/3/issue/{issueIdOrKey}": ("get", "put")}


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
    doc = json.load(open(source))
    paths = {}
    for path in PATHS:
        wanted = METHODS.get(path)
        paths[path] = {m: op for m, op in doc["paths"][path].items() if wanted is None or m in wanted}
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
