"""An in-memory OpenSearch for the OpenSearch adapter's contract tests: exactly what the adapter sends.

Every request is first checked against OpenSearch's published API description (infra/local/vendor/opensearch,
trimmed to the adapter's operations; `opensearch_spec`): an undocumented path, method or query parameter and a
body the schema refuses get OpenSearch's 400/405. Then: index templates (applied to new matching indices),
indices and aliases, `_bulk` index/delete with per-item statuses (a strict mapping refuses unknown fields),
refresh semantics (writes are visible only after a refresh: `refresh=true|wait_for` or `_refresh`; there is no
periodic refresh), `_delete_by_query` and `_search` (opensearch_search, opensearch_query). What OpenSearch
accepts but this stand-in does not implement answers 501 `standin_not_modelled`, never a silent guess.

Control routes under /__standin/ (not OpenSearch's API, not checked):
  GET  /__standin/calls      [{method, path, status}] of the API calls received
  POST /__standin/throttle   {"items": n}: the next n bulk items are answered 429, as a busy cluster does

"""

from __future__ import annotations

import fnmatch
import json
import re
import threading
import uuid
from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Request, Response

from helpdesk_local.opensearch_index import Index, Mapping
from helpdesk_local.opensearch_search import matching, search
from helpdesk_local.opensearch_spec import NotModelled, Operation, Refused, check
from helpdesk_local.standin_app import RecordingStandin

INVALID_NAME = re.compile(r'^[_\-+]|[\\/*?"<>| ,#:A-Z]')


def _error(status: int, kind: str, reason: str) -> Response:
    cause = {"type": kind, "reason": reason}
    return _json(status, {"error": {"root_cause": [cause], **cause}, "status": status})


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status, content_type="application/json; charset=UTF-8")


class OpenSearchStandin(RecordingStandin):
    def __init__(self) -> None:
        super().__init__()
        self.templates: dict[str, dict[str, Any]] = {}
        self.indices: dict[str, Index] = {}
        self._throttled_items = 0

    def _recorded(self, request: Request, response: Response) -> tuple[Any, ...]:
        return (request.method, request.full_path.rstrip("?"), response.status_code)

    def _answer(self, request: Request) -> Response:
        try:
            operation = check(request.method, request.path, dict(request.args), request.get_data())
            handler: Callable[[Operation, dict[str, str]], Response] = getattr(
                self, "_" + operation.group.replace(".", "_")
            )
            return handler(operation, dict(request.args))
        except Refused as refusal:
            return _error(refusal.status, refusal.kind, refusal.reason)
        except NotModelled as gap:
            return _error(501, "standin_not_modelled", f"the OpenSearch stand-in does not model {gap}")

    # ------------------------------------------------------------ templates, indices, aliases
    def _indices_put_index_template(self, op: Operation, args: dict[str, str]) -> Response:
        body = op.body
        if not body.get("index_patterns"):
            raise Refused(
                400,
                "action_request_validation_exception",
                "Validation Failed: 1: index patterns are missing;",
            )
        template = body.get("template", {})
        Mapping.of(
            template.get("settings", {}), template.get("mappings", {})
        )  # refuse now, as OpenSearch does
        self.templates[op.path_params["name"]] = body
        return _json(200, {"acknowledged": True})

    def _indices_delete_index_template(self, op: Operation, args: dict[str, str]) -> Response:
        if self.templates.pop(op.path_params["name"], None) is None:
            raise Refused(
                404, "index_template_missing_exception", f"index_template [{op.path_params['name']}] missing"
            )
        return _json(200, {"acknowledged": True})

    def _indices_create(self, op: Operation, args: dict[str, str]) -> Response:
        name = op.path_params["index"]
        self._create(name, op.body or {})
        return _json(200, {"acknowledged": True, "shards_acknowledged": True, "index": name})

    def _create(self, name: str, body: dict[str, Any]) -> Index:
        if INVALID_NAME.search(name):
            raise Refused(400, "invalid_index_name_exception", f"Invalid index name [{name}]")
        if name in self.indices or self._aliased(name):
            raise Refused(400, "resource_already_exists_exception", f"index [{name}] already exists")
        matching_templates = [
            t
            for t in self.templates.values()
            if any(fnmatch.fnmatchcase(name, p) for p in _list(t["index_patterns"]))
        ]
        template = max(matching_templates, key=lambda t: t.get("priority", 0), default={}).get("template", {})
        settings = template.get("settings", {}) | body.get("settings", {})
        mappings = dict(template.get("mappings", {}))
        mappings["properties"] = mappings.get("properties", {}) | body.get("mappings", {}).get(
            "properties", {}
        )
        aliases = set(template.get("aliases", {})) | set(body.get("aliases", {}))
        self.indices[name] = Index(name, Mapping.of(settings, mappings), aliases)
        return self.indices[name]

    def _indices_delete(self, op: Operation, args: dict[str, str]) -> Response:
        name = op.path_params["index"]
        if name not in self.indices:
            if self._aliased(name):
                reason = f"The provided expression [{name}] matches an alias, specify the corresponding "
                raise Refused(400, "illegal_argument_exception", reason + "concrete indices instead.")
            raise Refused(404, "index_not_found_exception", f"no such index [{name}]")
        del self.indices[name]
        return _json(200, {"acknowledged": True})

    def _aliased(self, alias: str) -> list[Index]:
        return [index for index in self.indices.values() if alias in index.aliases]

    def _indices_exists_alias(self, op: Operation, args: dict[str, str]) -> Response:
        return Response(status=200 if self._aliased(op.path_params["name"]) else 404)

    def _indices_get_alias(self, op: Operation, args: dict[str, str]) -> Response:
        alias = op.path_params.get("name", "*")
        found: dict[str, dict[str, Any]] = {
            i.name: {"aliases": {a: {} for a in i.aliases if fnmatch.fnmatchcase(a, alias)}}
            for i in self.indices.values()
            if op.path_params.get("index") in (None, i.name)
        }
        found = {k: v for k, v in found.items() if v["aliases"] or "name" not in op.path_params}
        if not found and "name" in op.path_params:
            return _json(404, {"error": f"alias [{alias}] missing", "status": 404})
        return _json(200, found)

    def _indices_update_aliases(self, op: Operation, args: dict[str, str]) -> Response:
        changes = []
        for action in op.body["actions"]:
            ((verb, spec),) = action.items()
            if verb not in ("add", "remove") or set(spec) - {"index", "alias"}:
                raise NotModelled(f"alias action [{verb}] with {sorted(spec)}")
            index = self.indices.get(spec["index"])
            if index is None:
                raise Refused(404, "index_not_found_exception", f"no such index [{spec['index']}]")
            if verb == "remove" and spec["alias"] not in index.aliases:
                raise Refused(404, "aliases_not_found_exception", f"aliases [{spec['alias']}] missing")
            changes.append((verb, index, spec["alias"]))
        for verb, index, alias in changes:  # all or nothing, as one cluster-state update
            (index.aliases.add if verb == "add" else index.aliases.discard)(alias)
        return _json(200, {"acknowledged": True})

    def _resolve(self, expression: str) -> list[Index]:
        found: list[Index] = []
        for name in expression.split(","):
            named = [self.indices[name]] if name in self.indices else self._aliased(name)
            if not named:
                raise Refused(404, "index_not_found_exception", f"no such index [{name}]")
            found += [i for i in named if i not in found]
        return found

    # ------------------------------------------------------------ documents
    def _indices_refresh(self, op: Operation, args: dict[str, str]) -> Response:
        targets = (
            self._resolve(op.path_params["index"])
            if "index" in op.path_params
            else list(self.indices.values())
        )
        for index in targets:
            index.refresh()
        return _json(200, {"_shards": {"total": len(targets), "successful": len(targets), "failed": 0}})

    def _bulk(self, op: Operation, args: dict[str, str]) -> Response:
        lines = list(op.body)
        touched: list[Index] = []
        items: list[dict[str, Any]] = []
        while lines:
            ((verb, meta),) = lines.pop(0).items()
            if verb not in ("index", "delete"):
                raise NotModelled(f"bulk action [{verb}]")
            source = lines.pop(0) if verb == "index" else None
            name, doc_id = meta.get("_index") or op.path_params.get("index"), meta.get("_id")
            if not name or (verb == "delete" and doc_id is None):
                missing = "index" if not name else "id"
                raise Refused(
                    400, "action_request_validation_exception", f"Validation Failed: 1: {missing} is missing;"
                )
            doc_id = uuid.uuid4().hex if doc_id is None else str(doc_id)  # OpenSearch generates missing ids
            items.append({verb: self._bulk_item(verb, name, doc_id, source, touched)})
        if args.get("refresh") in ("true", "", "wait_for"):
            for index in touched:
                index.refresh()
        errors = any(item[next(iter(item))]["status"] >= 300 for item in items)
        return _json(200, {"took": 1, "errors": errors, "items": items})

    def _bulk_item(
        self, verb: str, name: str, doc_id: str, source: Any, touched: list[Index]
    ) -> dict[str, Any]:
        if self._throttled_items:
            self._throttled_items -= 1
            cause = {"type": "rejected_execution_exception", "reason": "rejected execution: queue capacity"}
            return {"_index": name, "_id": doc_id, "status": 429, "error": cause}
        try:
            index = self._write_index(name, create=verb == "index")
            if index not in touched:
                touched.append(index)
            if verb == "index":
                status, result = index.put(doc_id, source)
            else:
                status, result = (200, "deleted") if index.remove(doc_id) else (404, "not_found")
        except Refused as refusal:
            cause = {"type": refusal.kind, "reason": refusal.reason}
            return {"_index": name, "_id": doc_id, "status": refusal.status, "error": cause}
        return {"_index": index.name, "_id": doc_id, "_version": index.versions[doc_id], "result": result,
                "status": status, "_shards": {"total": 1, "successful": 1, "failed": 0}}  # fmt: skip

    def _write_index(self, name: str, create: bool) -> Index:
        if name in self.indices:
            return self.indices[name]
        targets = self._aliased(name)
        if len(targets) > 1:
            reason = f"no write index is defined for alias [{name}]"
            raise Refused(400, "illegal_argument_exception", reason)
        if not targets and not create:
            raise Refused(404, "index_not_found_exception", f"no such index [{name}]")
        return targets[0] if targets else self._create(name, {})  # as action.auto_create_index does

    def _delete_by_query(self, op: Operation, args: dict[str, str]) -> Response:
        indices = self._resolve(op.path_params["index"])
        hits = matching(indices, op.body.get("query"))
        for hit in hits:
            hit.index.remove(hit.doc.id)
        if args.get("refresh") in ("true", ""):
            for index in indices:
                index.refresh()
        counts = {"total": len(hits), "deleted": len(hits), "batches": 1, "version_conflicts": 0, "noops": 0}
        idle = {"throttled_millis": 0, "requests_per_second": -1.0, "throttled_until_millis": 0}
        retries = {"bulk": 0, "search": 0}
        return _json(
            200, {"took": 1, "timed_out": False, **counts, "retries": retries, **idle, "failures": []}
        )

    def _search(self, op: Operation, args: dict[str, str]) -> Response:
        indices = self._resolve(op.path_params.get("index", "*")) if "index" in op.path_params else []
        return _json(200, search(indices or list(self.indices.values()), op.body or {}))

    # ------------------------------------------------------------ control routes
    def _control(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")[1:]
        if parts == ["calls"]:
            return _json(200, [{"method": m, "path": p, "status": s} for m, p, s in self.calls])
        if parts == ["throttle"] and request.method == "POST":
            self._throttled_items = int((request.get_json(silent=True) or {}).get("items", 1))
            return _json(200, {"ok": True})
        return _json(404, {"error": "no such control route"})


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def serve_opensearch_standin() -> tuple[OpenSearchStandin, str, Callable[[], None]]:
    """The stand-in on a free loopback port in a daemon thread: (stand-in, base URL, stop)."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass  # `calls` records every request; a log line each would bury test output

    standin = OpenSearchStandin()
    server = make_server("127.0.0.1", 0, standin, threaded=True, request_handler=Quiet)
    threading.Thread(target=server.serve_forever, name="opensearch-standin", daemon=True).start()
    return standin, f"http://127.0.0.1:{server.server_port}", server.shutdown
