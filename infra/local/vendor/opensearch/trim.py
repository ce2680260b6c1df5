"""Builds one OpenAPI document from opensearch-project/opensearch-api-specification's multi-file spec, kept to
the operations the OpenSearch adapter calls.

Usage: python trim.py <checkout>/spec > opensearch.trimmed.json Merges as the project's own merger does
(tools/src/merger/OpenApiMerger.ts): schema refs become `#/components/schemas/<file>___<Name>`, keys' `::`,
`@` and `:` become `___`, and the global query parameters (`_global_parameters.yaml`) are added to every
operation. Operations and the components they reach are unchanged.
"""

import json
import re
import sys
from pathlib import Path

import yaml

GROUPS = {
    "indices.put_index_template", "indices.delete_index_template", "indices.exists_alias",
    "indices.get_alias", "indices.create", "indices.delete", "indices.refresh", "indices.update_aliases",
    "search", "bulk", "delete_by_query",
}  # fmt: skip
NAMESPACES = ("_core.yaml", "indices.yaml")
# Cut to what the adapter sends: in these objects only the listed properties keep their schema (the others
# keep their name with the schema `{"x-cut": true}`, which accepts anything); these oneOfs keep only the
# listed variants. Operations lose their `responses` (answers are not checked).
PROPERTIES = {
    "requestBodies/search": {
        "query",
        "sort",
        "size",
        "track_total_hits",
        "track_scores",
        "_source",
        "highlight",
        "search_after",
    },
    "requestBodies/indices.put_index_template": {"index_patterns", "template"},
    "requestBodies/delete_by_query": {"query"},
    "indices.put_index_template___IndexTemplateMapping": {"settings", "mappings", "aliases"},
    "_common.query_dsl___QueryContainer": {
        "bool",
        "match_all",
        "match_none",
        "multi_match",
        "prefix",
        "term",
        "terms",
        "range",
    },
    "indices._common___IndexSettings": {"number_of_shards", "analysis"},
    "indices._common___IndexSettingsAnalysis": {"analyzer", "char_filter", "filter", "tokenizer"},
    "_common.mapping___TypeMapping": {"dynamic", "properties"},
    "_core.search___HighlightBase": {
        "pre_tags",
        "post_tags",
        "require_field_match",
        "fragment_size",
        "number_of_fragments",
    },
}
ONE_OF = {
    "_common.mapping___Property": ("BooleanProperty", "DateProperty", "KeywordProperty", "TextProperty"),
    "_common.analysis___Analyzer": ("CustomAnalyzer",),
    "_common.analysis___CharFilterDefinition": ("MappingCharFilter",),
    "_common.analysis___TokenizerDefinition": ("PatternTokenizer",),
    "_common.analysis___TokenFilterDefinition": ("StemmerTokenFilter",),
}
METHODS = ("get", "put", "post", "delete", "head")
CUT = {"x-cut": True}


def normal(key: str) -> str:
    return key.replace("::", "___").replace("@", "___").replace(":", "___")


def redirect(node: object, category: str | None) -> None:
    """Refs in the merged form; `category` is the schema file a node comes from (None: a namespace)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if ref.startswith("#/components/schemas/") and category:
                node["$ref"] = f"#/components/schemas/{normal(category + ':' + name)}"
            elif ".yaml#/components/schemas/" in ref:
                other = re.sub(r"^(\.\./)?schemas/|^\.\./", "", ref.split(".yaml#")[0])
                node["$ref"] = f"#/components/schemas/{normal(other + ':' + name)}"
            else:
                node["$ref"] = normal(ref)
        for value in node.values():
            redirect(value, category)
    elif isinstance(node, list):
        for value in node:
            redirect(value, category)


def refs(node: object, found: set[str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            found.add(node["$ref"])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(root: Path) -> None:
    components: dict[str, dict[str, object]] = {
        "parameters": {},
        "requestBodies": {},
        "responses": {},
        "schemas": {},
    }
    paths: dict[str, dict[str, object]] = {}
    for file in NAMESPACES:
        spec = yaml.safe_load((root / "namespaces" / file).read_text())
        redirect(spec, None)
        for path, item in spec["paths"].items():
            kept = {m: op for m, op in item.items() if m in METHODS and op.get("x-operation-group") in GROUPS}
            if kept:
                paths[path] = kept
        for kind in ("parameters", "requestBodies", "responses"):
            components[kind] |= {normal(k): v for k, v in spec["components"].get(kind, {}).items()}
    for file in sorted((root / "schemas").glob("*.yaml")):
        category = file.name.removesuffix(".yaml")
        spec = yaml.safe_load(file.read_text())
        redirect(spec, category)
        for name, schema in (spec.get("components") or {}).get("schemas", {}).items():
            components["schemas"][normal(f"{category}:{name}")] = schema
    glob = yaml.safe_load((root / "_global_parameters.yaml").read_text())
    redirect(glob, None)
    for param in glob["components"]["parameters"].values():
        param["x-global"] = True
        components["parameters"][normal(f"_global::{param['in']}.{param['name']}")] = param
        for item in paths.values():
            for op in item.values():
                key = normal(f"_global::{param['in']}.{param['name']}")
                op.setdefault("parameters", []).append({"$ref": f"#/components/parameters/{key}"})
    for item in paths.values():
        for op in item.values():
            op.pop("responses", None)
    for where, names in PROPERTIES.items():
        kind, name = where.split("/") if "/" in where else ("schemas", where)
        schema = components[kind][name]
        if kind == "requestBodies":
            schema = schema["content"]["application/json"]["schema"]
        holder = next((part for part in schema.get("allOf", [schema]) if "properties" in part), schema)
        holder["properties"] = {k: v if k in names else CUT for k, v in holder["properties"].items()}
    for name, variants in ONE_OF.items():
        schema = components["schemas"][name]
        schema["oneOf"] = [v for v in schema["oneOf"] if v["$ref"].rsplit("___", 1)[-1] in variants]
    kept: dict[str, dict[str, object]] = {}
    todo: set[str] = set()
    refs(paths, todo)
    while todo:
        ref = todo.pop()
        _, _, kind, name = ref.split("/")
        if name in kept.setdefault(kind, {}):
            continue
        kept[kind][name] = components[kind][name]
        refs(kept[kind][name], todo)
    info = yaml.safe_load((root / "_info.yaml").read_text())
    doc = {"openapi": "3.1.0", "info": info, "paths": dict(sorted(paths.items()))}
    doc["components"] = {kind: dict(sorted(items.items())) for kind, items in sorted(kept.items())}
    json.dump(doc, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
