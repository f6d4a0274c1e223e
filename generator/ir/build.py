"""Stage 4: build the language-neutral IR from a resolved spec.

* ``$ref`` to a schema becomes a :class:`RefType` to a named type, so component
  names survive and recursion is free.
* Inline objects (and inline unions of objects) are hoisted into named types
  whose names are derived from where they stand (``CreateUploadRequest`` +
  ``expires_after``), deterministically.
* ``nullable``, 3.1 type arrays, ``anyOf [X, null]`` all become ``nullable``.
* ``allOf`` is merged; conflicting property types are reported with both
  locations.
* Operations are grouped into resources by path (see :mod:`.naming`), and name
  collisions are resolved deterministically and reported.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..diagnostics import Diagnostics, Location, SpecError, did_you_mean, printable
from ..text import display_line
from ..openapi.resolve import DanglingRef, ResolvedSpec
from . import naming, pages
from .layout import RULE as LAYOUT_RULE, Laid, apply_layout, find_endpoint, near_endpoint
from .model import (
    Api,
    ArrayType,
    ConstType,
    Discriminator,
    EnumType,
    MapType,
    MediaBody,
    NamedType,
    ObjectType,
    Operation,
    Pagination,
    Parameter,
    Party,
    PrimitiveType,
    Property,
    RefType,
    RequestBody,
    Resource,
    Response,
    SecurityScheme,
    ServerVariable,
    Server,
    TypeNode,
    UnionType,
)

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# rules of names the config sets: they keep their name over derived ones and are not moved
_CONFIGURED = frozenset({"the config's `resources` entry", LAYOUT_RULE})
_PRIMITIVES = {"string", "integer", "number", "boolean", "null"}


@dataclass
class BuildReport:
    """What was generated, renamed and dropped: the basis of ``--report``."""

    operations_in_spec: int = 0
    webhooks_in_spec: int = 0
    schemas_in_spec: int = 0
    dropped_operations: list[dict[str, str]] = field(default_factory=list)
    dropped_schemas: list[dict[str, str]] = field(default_factory=list)
    renames: list[dict[str, str]] = field(default_factory=list)
    # every operation's derived name and the rule that gave it
    names: list[dict[str, str]] = field(default_factory=list)


class IRBuilder:
    def __init__(self, spec: ResolvedSpec, config: Config, diags: Diagnostics):
        self.spec = spec
        self.config = config
        self.diags = diags
        self.api: Api | None = None
        self.types: dict[str, NamedType] = {}
        # (file, pointer) of a named schema -> its name
        self._named_at: dict[tuple[str, str], str] = {}
        self._named_set: set[str] = set()
        self._named_count = 0
        self._building: set[str] = set()
        # id of an enum list -> (the list, its values that every target can write): warned about once
        self._kept_enums: dict[int, tuple[list[Any], list[Any]]] = {}
        self._top: Location | None = None  # the component being built (where a too-deep chain starts)
        self._detected_pages: list[tuple[Operation, Any]] | None = []  # (operation, its detected PageScheme)
        self.report = BuildReport()
        self._component_prefix = "#/components/schemas/"
        if isinstance(spec.data, dict) and "swagger" in spec.data:
            self._component_prefix = "#/definitions/"

    # ------------------------------------------------------------------ API
    def build(self) -> Api:
        data = self.spec.data
        root = self.spec.root_location
        info = data.get("info") if isinstance(data.get("info"), dict) else {}
        # the title and the version are one-line names wherever they are shown: nothing invisible in them
        title = display_line(self.config.name or _str(info.get("title")) or "") or "API"
        api = Api(
            title=title,
            version=display_line(info.get("version", "")),
            description=_str(info.get("description")),
            license=_party(info.get("license")),
            contact=_party(info.get("contact")),
            source=root,
        )
        self.api = api
        for index, server in enumerate(data.get("servers") or []):
            if isinstance(server, dict) and isinstance(server.get("url"), str):
                api.servers.append(Server(url=server["url"], description=_str(server.get("description")),
                                          variables=_server_variables(server.get("variables")),
                                          location=root.child("servers", index)))
        api.default_security = _security_requirements(data.get("security"))
        components = data.get("components") if isinstance(data.get("components"), dict) else {}
        for name, scheme in (components.get("securitySchemes") or {}).items():
            scheme, _ = self.spec.deref(scheme, root.child("components", "securitySchemes", name))
            if isinstance(scheme, dict):
                api.security.append(
                    SecurityScheme(
                        name=str(name),
                        type=str(scheme.get("type", "")),
                        scheme=_str(scheme.get("scheme")),
                        location=_str(scheme.get("in")),
                        param_name=_str(scheme.get("name")),
                        description=_str(scheme.get("description")),
                        source=root.child("components", "securitySchemes", name),
                    )
                )
        # components first, in spec order, so named types keep the spec's order
        schemas = components.get("schemas") if isinstance(components.get("schemas"), dict) else {}
        self.report.schemas_in_spec = len(schemas)
        names = self._model_names([str(name) for name in schemas])
        for name in schemas:
            loc = root.child("components", "schemas", name)
            self._named_at[(loc.file, loc.pointer)] = names[str(name)]
        for name, schema in schemas.items():
            self._top = root.child("components", "schemas", name)
            self._ensure_named(names[str(name)], schema, self._top)
        self._top = None
        operations = self._operations()
        self._declared_streams(operations, names)
        detected, self._detected_pages = self._detected_pages or [], None  # webhooks are not pages
        api.page_schemes = list(self.config.pagination) + pages.name_schemes(
            detected, {s.name for s in self.config.pagination})
        api.resources = self._group(operations)
        api.webhooks = self._webhooks()
        api.types = self.types
        return api

    # ----------------------------------------------------------- operations
    def _operations(self) -> list[Operation]:
        data = self.spec.data
        root = self.spec.root_location
        paths = data.get("paths") or {}
        out: list[Operation] = []
        for path, item in paths.items():
            item_loc = root.child("paths", path)
            item, item_loc = self.spec.deref(item, item_loc)
            if not isinstance(item, dict):
                continue
            shared = item.get("parameters") or []
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                self.report.operations_in_spec += 1
                op_loc = item_loc.child(method)
                # an operation written as a `$ref` to another file (not in OpenAPI, but DigitalOcean's
                # multi-file spec does it, and Prism and Redocly follow it): its refs resolve from there
                raw, op_loc = self.spec.deref(item[method], op_loc)
                if not isinstance(raw, dict):
                    self._drop_operation(f"{method.upper()} {path}", op_loc, "operation is not a mapping")
                    continue
                try:
                    out.append(self._operation(str(path), method, raw, shared, op_loc, item_loc))
                except _Unsupported as exc:
                    self._drop_operation(f"{method.upper()} {path}", op_loc, str(exc))
        return out

    def _declared_streams(self, operations: list[Operation], names: dict[str, str]) -> None:
        """The config's ``streaming`` entries: each named operation's success response offers
        server-sent events beside its JSON (the spec says so only in prose, as OpenAI's completions
        and runs do), so the body's ``stream`` flag decides what a call returns in every SDK."""
        errors = len(self.diags.errors())
        for endpoint, (event, loc) in self.config.streams.items():
            index = find_endpoint(endpoint, operations)
            if index is None:
                self.diags.error(f"streaming: no operation is `{endpoint}`{near_endpoint(endpoint, operations)}", loc)
                continue
            op = operations[index]
            success = op.success
            json_body = next((b for b in success.contents if b.is_json), None) if success else None
            if success is None or json_body is None:
                self.diags.error(f"streaming: `{endpoint}` has no JSON success response to stream beside", loc)
                continue
            if any(b.is_event_stream for b in success.contents):
                self.diags.warning(f"streaming: `{endpoint}` already declares text/event-stream; the entry "
                                   "changes nothing", loc)
                continue
            if event and event not in names:
                self.diags.error(f"streaming: the spec has no schema `{event}`{did_you_mean(event, names)}", loc)
                continue
            event_type = RefType(name=names[event]) if event else json_body.type
            success.contents.append(MediaBody(media_type="text/event-stream", type=event_type))
        if len(self.diags.errors()) > errors:
            raise SpecError(self.diags.errors())

    def _drop_operation(self, name: str, loc: Location, reason: str) -> None:
        self.report.dropped_operations.append({"name": name, "location": _loc_text(loc), "reason": reason})
        self.diags.lenient(f"operation {name} dropped: {reason}", loc)

    def _operation(self, path: str, method: str, raw: dict[str, Any], shared: list[Any],
                   loc: Location, item_loc: Location) -> Operation:
        op_id = _str(raw.get("operationId")) or naming.snake(f"{method} {path}")
        params: dict[tuple[str, str], Parameter] = {}
        for index, p in enumerate(shared if isinstance(shared, list) else []):
            param = self._parameter(p, item_loc.child("parameters", index), op_id)
            if param:
                params[(param.location, param.name)] = param
        for index, p in enumerate(raw.get("parameters") or []):
            param = self._parameter(p, loc.child("parameters", index), op_id)
            if param:
                params[(param.location, param.name)] = param
        meta = raw.get("x-oaiMeta") if isinstance(raw.get("x-oaiMeta"), dict) else {}
        op = Operation(
            operation_id=op_id,
            method=method,
            path=path,
            resource=(),
            name="",
            summary=_str(raw.get("summary")),
            description=_str(raw.get("description")),
            title=_str(meta.get("name")) or _str(raw.get("summary")),
            tags=[str(t) for t in raw.get("tags") or [] if isinstance(t, (str, int))],
            deprecated=bool(raw.get("deprecated", False)),
            parameters=list(params.values()),
            location=loc,
            extensions={k: v for k, v in raw.items() if isinstance(k, str) and k.startswith("x-")},
            security=_security_requirements(raw.get("security")),
        )
        for name in _path_params(path):
            if ("path", name) not in params:
                self.diags.warning(f"path parameter {{{name}}} is not declared; assuming a required string", loc)
                op.parameters.append(Parameter(name=name, location="path", type=PrimitiveType(primitive="string"),
                                               required=True))
        if "requestBody" in raw:
            op.body = self._request_body(raw["requestBody"], loc.child("requestBody"), op_id)
        responses = raw.get("responses") or {}
        if isinstance(responses, dict):
            first_success = min((str(s) for s in responses if str(s).startswith("2")), default=None)
            for status, response in responses.items():
                part = "Response" if str(status) == first_success else _status_part(str(status))
                built = self._response(str(status), response, loc.child("responses", status), op_id, part)
                if built:
                    op.responses.append(built)
        op.pagination = self._pagination(op)
        return op

    def _parameter(self, raw: Any, loc: Location, op_id: str) -> Parameter | None:
        raw, loc = self.spec.deref(raw, loc)
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or raw.get("in") not in (
            "path", "query", "header", "cookie"):
            if isinstance(raw, dict) and raw.get("in") in ("body", "formData"):
                return None  # Swagger 2.0 body params are handled by the upgrade stage
            self.diags.warning("parameter without a valid `name` and `in`; ignored", loc)
            return None
        schema = raw.get("schema")
        if schema is None and isinstance(raw.get("content"), dict) and raw["content"]:
            media, content = next(iter(raw["content"].items()))
            schema = content.get("schema") if isinstance(content, dict) else None
            loc_schema = loc.child("content", media, "schema")
        else:
            loc_schema = loc.child("schema")
        type_ = self.schema(schema if schema is not None else {}, loc_schema, (op_id, raw["name"]))
        examples = self._named_examples(raw, loc)
        return Parameter(
            name=raw["name"],
            location=raw["in"],
            type=type_,
            required=bool(raw.get("required", raw["in"] == "path")),
            description=_str(raw.get("description")) or type_.description,
            deprecated=bool(raw.get("deprecated", False)),
            style=_str(raw.get("style")),
            explode=raw.get("explode") if isinstance(raw.get("explode"), bool) else None,
            examples=examples,
            source=loc,
        )

    def _request_body(self, raw: Any, loc: Location, op_id: str) -> RequestBody | None:
        raw, loc = self.spec.deref(raw, loc)
        if not isinstance(raw, dict):
            return None
        contents = self._contents(raw.get("content"), loc.child("content"), (op_id, "Body"))
        if not contents:
            return None
        return RequestBody(contents=contents, required=bool(raw.get("required", False)),
                           description=_str(raw.get("description")), source=loc)

    def _contents(self, raw: Any, loc: Location, name_parts: tuple[str, ...]) -> list[MediaBody]:
        out: list[MediaBody] = []
        if not isinstance(raw, dict):
            return out
        for media_type, media in raw.items():
            if not isinstance(media, dict):
                continue
            mloc = loc.child(media_type)
            schema = media.get("schema")
            # one body in several media types: the first keeps the name, the others say their type
            # (`…BodyMultipart` beside `…Body`)
            parts = name_parts if not out else name_parts[:-1] + (
                name_parts[-1] + naming.pascal(_media_word(str(media_type))),)
            type_ = self.schema(schema, mloc.child("schema"), parts) if schema is not None else PrimitiveType()
            examples = self._named_examples(media, mloc)
            out.append(MediaBody(media_type=str(media_type), type=type_,
                                 encoding=media.get("encoding") if isinstance(media.get("encoding"), dict) else {},
                                 examples=examples))
        return out

    def _response(self, status: str, raw: Any, loc: Location, op_id: str, part: str = "Response") -> Response | None:
        try:
            raw, loc = self.spec.deref(raw, loc)
        except DanglingRef:
            return None  # a file that does not exist: reported when the refs were resolved
        if not isinstance(raw, dict):
            return None
        status = status.upper() if status.lower() != "default" else "default"
        contents = self._contents(raw.get("content"), loc.child("content"), (op_id, part))
        headers = []
        for name, header in (raw.get("headers") or {}).items():
            hdr, hloc = self.spec.deref(header, loc.child("headers", name))
            if isinstance(hdr, dict):
                headers.append(Parameter(name=str(name), location="header",
                                         type=self.schema(hdr.get("schema", {}), hloc.child("schema"),
                                                          (op_id, str(name))),
                                         description=_str(hdr.get("description"))))
        return Response(status=status, description=_str(raw.get("description")), contents=contents,
                        headers=headers, source=loc)

    def _pagination(self, op: Operation) -> Pagination | None:
        """The configured scheme the operation fits, else (unless switched off) the one its shape shows."""
        configured = self._configured_pagination(op)
        if configured is not None or not self.config.detect_pagination or self._detected_pages is None:
            return configured
        detected = pages.detect(op, self._resolve)
        if detected is None:
            return None
        self._detected_pages.append((op, detected[0]))
        return detected[1]

    def _configured_pagination(self, op: Operation) -> Pagination | None:
        if op.method != "get" or not self.config.pagination:
            return None
        body = op.success_body
        if body is None or not self.api:
            return None
        response = self._resolve(body.type)
        if not isinstance(response, ObjectType):
            return None
        query = {p.name for p in op.params_in("query")}
        for scheme in self.config.pagination:
            if scheme.request_cursor and scheme.request_cursor not in query:
                continue
            items = response.get(scheme.items)
            if items is None:
                continue
            items_type = self._resolve(items.type)
            if not isinstance(items_type, ArrayType):
                continue
            if scheme.has_more and response.get(scheme.has_more) is None:
                continue
            return Pagination(
                scheme=scheme.name,
                style=scheme.style,
                item=items_type.items,
                items_field=scheme.items,
                request_cursor=scheme.request_cursor,
                request_limit=scheme.request_limit if scheme.request_limit in query else None,
                has_more_field=scheme.has_more,
                next_cursor_field=scheme.next_cursor if scheme.next_cursor and response.get(
                    scheme.next_cursor) else None,
            )
        return None

    def _resolve(self, node: TypeNode) -> TypeNode:
        seen = 0
        while isinstance(node, RefType) and node.name in self.types and seen < 100:
            node = self.types[node.name].type
            seen += 1
        return node

    def _webhooks(self) -> list[Operation]:
        data = self.spec.data
        root = self.spec.root_location
        hooks = data.get("webhooks") if isinstance(data.get("webhooks"), dict) else {}
        out: list[Operation] = []
        for name, item in hooks.items():
            item, item_loc = self.spec.deref(item, root.child("webhooks", name))
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                if isinstance(item.get(method), dict):
                    self.report.webhooks_in_spec += 1
                    op = self._operation(f"/{name}", method, item[method], item.get("parameters") or [],
                                         item_loc.child(method), item_loc)
                    op.is_webhook = True
                    op.resource = ("webhooks",)
                    op.name = naming.snake(str(name))
                    out.append(op)
        return out

    # ------------------------------------------------------------ grouping
    def _group(self, operations: list[Operation]) -> list[Resource]:
        bare = [naming.split_query(op.path)[0].rstrip("/") for op in operations]
        verbs: dict[str, set[str]] = {}
        for path, op in zip(bare, operations):
            verbs.setdefault(path, set()).add(op.method)
        below = _paths_with_children(bare)
        derived: list[naming.Naming] = []
        self._resources_name_operations(operations)
        for path, op in zip(bare, operations):
            override = self.config.operation_names.get(op.operation_id)
            if override:
                resource, name, _ = override
                resource = tuple(naming.snake(r) for r in resource) or ("client",)
                derived.append(naming.Naming(resource, name, "the config's `resources` entry"))
            else:
                collection = op.pagination is not None or self._returns_collection(op)
                derived.append(naming.derive(op.method, op.path, op.operation_id, collection,
                                             terminal=path not in below, path_methods=frozenset(verbs[path])))
        errors = len(self.diags.errors())
        laid = apply_layout(self.config.layout, operations, derived, self.diags)
        if len(self.diags.errors()) > errors:
            raise SpecError(self.diags.errors())
        derived = laid.names
        # who keeps a name several operations derive: a configured name, then the operation on the
        # path that is the resource's own (`/threads/{thread_id}/runs` over `/threads/runs`), then
        # spec order; the others take their first free alternative
        order = sorted(range(len(operations)), key=lambda i: (
            derived[i].rule not in _CONFIGURED, _detour(bare[i]), i))
        taken: dict[tuple[tuple[str, ...], str], Operation] = {}
        for i, aliases in laid.aliases.items():  # an alias's place is the config's: no derived name takes it
            for name, _ in aliases:
                taken[(derived[i].resource, name)] = operations[i]
        final: dict[int, naming.Naming] = {}
        for i in order:
            op, chosen = operations[i], derived[i]
            key = (chosen.resource, chosen.name)
            if key in taken:
                first = taken[key]
                free = [alt for alt in chosen.alternatives if (alt[0], alt[1]) not in taken and alt[1]]
                resource, name, why = free[0] if free else (chosen.resource, chosen.name, "")
                counter = 2
                while (resource, name) in taken:  # the last resort: every alternative is taken
                    name, why = f"{chosen.name}_{counter}", "numbered: every other name was taken"
                    counter += 1
                self.diags.warning(
                    f"{op.method.upper()} {op.path} would be `{'.'.join(key[0])}.{key[1]}` like "
                    f"{first.method.upper()} {first.path}; named `{'.'.join(resource)}.{name}` ({why}); "
                    f"name it in the config's `layout:` (or under `resources:`)",
                    op.location,
                )
                self.report.renames.append({"kind": "method", "from": ".".join(key[0] + (key[1],)),
                                            "to": ".".join(resource + (name,)),
                                            "location": _loc_text(op.location)})
                chosen = naming.Naming(resource, name, f"{chosen.rule}; renamed: {why}")
            taken[(chosen.resource, chosen.name)] = op
            final[i] = chosen
        self._methods_beside_resources(operations, final, taken)
        self._layout_hides_nothing(operations, final, laid)
        for i, op in enumerate(operations):
            op.resource, op.name = final[i].resource, final[i].name
            self.report.names.append({"operation": f"{op.method.upper()} {op.path}", "operation_id": op.operation_id,
                                      "name": ".".join(op.resource + (op.name,)), "rule": final[i].rule})
        # build the tree in first-seen order
        roots: dict[str, Resource] = {}
        index: dict[tuple[str, ...], Resource] = {}
        for op in operations:
            node: Resource | None = None
            for depth in range(1, len(op.resource) + 1):
                key = op.resource[:depth]
                if key not in index:
                    res = Resource(name=key[-1], path=key)
                    index[key] = res
                    if node is None:
                        roots[key[0]] = res
                    else:
                        node.children.append(res)
                node = index[key]
            assert node is not None
            node.operations.append(op)
        return list(roots.values())

    def _methods_beside_resources(self, operations: list[Operation], final: dict[int, naming.Naming],
                                  taken: dict[tuple[tuple[str, ...], str], Operation]) -> None:
        """A method and a sub-resource of one name cannot both be reached (`guilds.widget()` and
        `guilds.widget.update()`): the method moves into the resource under its verb's name."""
        resources = {n.resource[:depth] for n in final.values() for depth in range(1, len(n.resource) + 1)}
        for i in sorted(final):
            chosen = final[i]
            inner = chosen.resource + (chosen.name,)
            if inner not in resources or chosen.rule in _CONFIGURED:
                continue
            op = operations[i]
            collection = op.pagination is not None or self._returns_collection(op)
            verb = "list" if op.method == "get" and collection else {"get": "retrieve", "post": "create"}.get(
                op.method, naming.snake(op.method))
            name = verb if (inner, verb) not in taken else f"{verb}_{chosen.name}"
            if (inner, name) in taken:
                continue
            del taken[(chosen.resource, chosen.name)]
            taken[(inner, name)] = op
            final[i] = naming.Naming(inner, name, f"{chosen.rule}; moved into the resource `{chosen.name}` "
                                                  f"it would hide")

    def _layout_hides_nothing(self, operations: list[Operation], final: dict[int, naming.Naming],
                              laid: Laid) -> None:
        """A method the layout names where a resource also stands (`threads.runs` both) could not
        be reached in every SDK: an error at its place in the config.  Then the aliases join their
        operations."""
        resources = {n.resource[:depth] for n in final.values() for depth in range(1, len(n.resource) + 1)}
        places = [(final[i].resource, final[i].name, place) for i, place in laid.placed.items()]
        places += [(final[i].resource, name, place) for i, aliases in laid.aliases.items() for name, place in aliases]
        hidden = [(resource + (name,), place) for resource, name, place in places if resource + (name,) in resources]
        for inner, place in hidden:
            self.diags.error(f"layout: `{'.'.join(inner)}` is both a method and a resource; give the method "
                             "another name", place.loc)
        if hidden:
            raise SpecError(self.diags.errors())
        for i, aliases in laid.aliases.items():
            operations[i].aliases = [name for name, _ in aliases]

    def _returns_collection(self, op: Operation) -> bool:
        body = op.success_body
        if body is None:
            return False
        node = self._resolve(body.type)
        if isinstance(node, ArrayType):
            return True
        if isinstance(node, ObjectType):
            for prop in node.properties:
                if prop.name in ("data", "items", "results") and isinstance(self._resolve(prop.type), ArrayType):
                    return True
        return False

    def _resources_name_operations(self, operations: list[Operation]) -> None:
        """Every operationId the config's ``resources`` names is the spec's: else an error at the
        config's line with the nearest operationId."""
        ids = [op.operation_id for op in operations if op.operation_id]
        known = set(ids)
        errors = len(self.diags.errors())
        for op_id, (_, _, loc) in self.config.operation_names.items():
            if op_id not in known:
                self.diags.error(f"resources: the spec has no operation `{printable(op_id)}`"
                                 f"{did_you_mean(op_id, ids)}", loc)
        if len(self.diags.errors()) > errors:
            raise SpecError(self.diags.errors())

    # -------------------------------------------------------------- schemas
    def _model_names(self, schemas: list[str]) -> dict[str, str]:
        """Each schema's model name: the spec's, or the one the config's ``models`` gives it.  A
        schema the spec does not have, or a name another model has, is an error at the config's line."""
        names = {name: name for name in schemas}
        given = self.config.model_names
        errors = len(self.diags.errors())
        for old, (new, loc) in given.items():
            if old not in names:
                self.diags.error(f"models: the spec has no schema `{printable(old)}`{did_you_mean(old, schemas)}",
                                 loc)
                continue
            names[old] = new
        # the spec's own names first: a renamed model must not take one (compared as the SDKs spell them)
        owners = {naming.pascal(old).lower(): old for old in schemas if old not in given}
        for old, (new, loc) in given.items():
            key = naming.pascal(new).lower()
            if old in names and owners.setdefault(key, old) != old:
                self.diags.error(f"models: `{new}` is the name of the model `{owners[key]}` too", loc)
        if len(self.diags.errors()) > errors:
            raise SpecError(self.diags.errors())
        return names

    def _ensure_named(self, name: str, schema: Any, loc: Location) -> None:
        if name in self.types or name in self._building:
            return
        self._building.add(name)
        node = self.schema(schema, loc, (name,), top=True)
        self._building.discard(name)
        self.types[name] = NamedType(name=name, type=node, location=loc, origin="component", name_parts=(name,))

    def _name_for_ref(self, target_loc: Location) -> str:
        key = (target_loc.file, target_loc.pointer)
        if key in self._named_at:
            return self._named_at[key]
        tokens = [t for t in target_loc.pointer.split("/") if t and t != "#"]
        base = tokens[-1].replace("~1", "/").replace("~0", "~") if tokens else target_loc.file.rsplit("/", 1)[-1].split(".")[0]
        name = base
        counter = 2
        named = self._named_names()
        while name in named or name in self.types:
            name = f"{base}{counter}"
            counter += 1
        named.add(name)  # current: _named_names() was called above
        self._named_at[key] = name
        self._named_count += 1
        return name

    def _named_names(self) -> set[str]:
        """The names in ``_named_at`` as a set, rebuilt only when entries were added elsewhere
        (name checks stay O(1): a list scan here made big specs quadratic)."""
        if self._named_count != len(self._named_at):
            self._named_set = set(self._named_at.values())
            self._named_count = len(self._named_at)
        return self._named_set

    def _hoist(self, name_parts: tuple[str, ...], node: TypeNode, loc: Location) -> RefType:
        base = ".".join(name_parts)
        name = base
        counter = 2
        named = self._named_names()
        while name in self.types or name in named:
            name = f"{base}{counter}"
            counter += 1
        self.types[name] = NamedType(name=name, type=node, location=loc, origin="inline", name_parts=name_parts)
        return RefType(name=name, location=loc, description=node.description, nullable=node.nullable,
                       deprecated=node.deprecated)

    def schema(self, raw: Any, loc: Location, name_parts: tuple[str, ...], top: bool = False) -> TypeNode:
        """Convert a schema object. ``name_parts`` names any inline object hoisted from here."""
        if raw is True or raw is None or raw == {}:
            return PrimitiveType(primitive="any", location=loc)
        if raw is False:
            return PrimitiveType(primitive="any", location=loc, description="never")
        if not isinstance(raw, dict):
            self.diags.warning("a schema must be an object; treated as `any`", loc)
            return PrimitiveType(primitive="any", location=loc)
        if isinstance(raw.get("$ref"), str):
            target, target_loc = self.spec.target(raw["$ref"], loc)
            # a $ref to a bare $ref chain: follow to the schema that has content
            name = self._name_for_ref(target_loc)
            if name not in self.types and name not in self._building:
                self._ensure_named(name, target, target_loc)
            ref = RefType(name=name, location=loc)
            self._facets(ref, raw, loc)
            return ref
        if "$recursiveRef" in raw or "$dynamicRef" in raw:
            # resolves to the nearest recursive anchor: the enclosing named schema
            return RefType(name=name_parts[0], location=loc)
        node = self._schema_body(raw, loc, name_parts)
        self._facets(node, raw, loc)
        if not top and isinstance(node, ObjectType) and node.properties:
            return self._hoist(name_parts, node, loc)
        return node

    def _representable(self, value: Any, what: str, loc: Location) -> bool:
        """False (with a warning at ``loc``) when ``value`` holds a number that not every target can write."""
        bad = unrepresentable(value)
        if bad is None:
            return True
        self.diags.warning(f"{what} holds the number {_number_text(bad)}, which is outside what every target can "
                           "write (a 64-bit integer or a finite float): it is left out", loc)
        return False

    def _examples(self, values: list[Any], loc: Location) -> list[Any]:
        return [v for v in values if self._representable(v, "an example", loc)]

    def _named_examples(self, raw: dict[str, Any], loc: Location) -> list[Any]:
        """A parameter's or media type's examples: its ``example``, else the values of its ``examples``
        map (Example Objects, their ``$ref`` followed where it resolves; an ``externalValue`` is not read)."""
        if "example" in raw:
            return self._examples([raw["example"]], loc.child("example"))
        out: list[Any] = []
        if isinstance(raw.get("examples"), dict):
            for key, entry in raw["examples"].items():
                found = self.spec.lookup(entry, loc.child("examples", key))
                if found is not None and isinstance(found[0], dict) and "value" in found[0]:
                    out += self._examples([found[0]["value"]], found[1].child("value"))
        return out

    def _facets(self, node: TypeNode, raw: dict[str, Any], loc: Location) -> None:
        if raw.get("description") is not None:
            node.description = _str(raw.get("description"))
        if raw.get("title") is not None:
            node.title = _str(raw.get("title"))
        if raw.get("nullable") is True:
            node.nullable = True
        if raw.get("deprecated") is True:
            node.deprecated = True
        if raw.get("readOnly") is True:
            node.read_only = True
        if raw.get("writeOnly") is True:
            node.write_only = True
        if "default" in raw and self._representable(raw["default"], "the default", loc.child("default")):
            node.has_default = True
            node.default = raw["default"]
        if "example" in raw:
            node.examples = self._examples([raw["example"]], loc.child("example"))
        elif isinstance(raw.get("examples"), list) and raw["examples"]:
            node.examples = self._examples(list(raw["examples"]), loc.child("examples"))

    def _schema_body(self, raw: dict[str, Any], loc: Location, name_parts: tuple[str, ...]) -> TypeNode:
        types = raw.get("type")
        nullable = False
        if isinstance(types, list):
            names = [t for t in types if isinstance(t, str)]
            nullable = "null" in names
            names = [t for t in names if t != "null"]
            if len(names) == 1:
                types = names[0]
            elif not names:
                types = "null"
            else:
                variants = []
                for t in names:
                    sub = dict(raw)
                    sub["type"] = t
                    sub.pop("nullable", None)
                    variants.append(self._schema_body(sub, loc, name_parts))
                return UnionType(variants=variants, nullable=nullable, location=loc)
        if "allOf" in raw and isinstance(raw["allOf"], list):
            node = self._all_of(raw, loc, name_parts)
        elif "const" in raw and self._representable(raw["const"], "the const", loc.child("const")):
            value = raw["const"]
            node = ConstType(value=value, primitive=_primitive_of(value), location=loc)
        elif "const" in raw:
            node = PrimitiveType(primitive=types if types in _PRIMITIVES else "any", location=loc)
        elif isinstance(raw.get("enum"), list) and (not raw["enum"] or self._enum_values(raw["enum"], loc)):
            values = self._enum_values(raw["enum"], loc)
            if None in values:
                nullable = True
                values = [v for v in values if v is not None]
            if not values:
                node = PrimitiveType(primitive="null", location=loc)
            else:
                prim = _primitive_of(values[0]) if types not in _PRIMITIVES else types
                node = EnumType(values=_dedupe(values), primitive=prim, location=loc)
        elif isinstance(raw.get("oneOf"), list) or isinstance(raw.get("anyOf"), list):
            node = self._union(raw, loc, name_parts)
        elif types == "array" or (types is None and "items" in raw):
            items = raw.get("items", {})
            if isinstance(items, list):  # tuple form: items of any listed type
                items = {"anyOf": items} if items else {}
            node = ArrayType(items=self.schema(items, loc.child("items"), name_parts + ("Item",)),
                             min_items=_int(raw.get("minItems")), max_items=_int(raw.get("maxItems")),
                             unique=bool(raw.get("uniqueItems", False)), location=loc)
        elif types == "object" or (types is None and ("properties" in raw or "additionalProperties" in raw)):
            node = self._object(raw, loc, name_parts)
        elif types in _PRIMITIVES:
            node = PrimitiveType(
                primitive=types, format=_str(raw.get("format")), location=loc,
                min_length=_int(raw.get("minLength")), max_length=_int(raw.get("maxLength")),
                pattern=_str(raw.get("pattern")), minimum=_num(raw.get("minimum")),
                maximum=_num(raw.get("maximum")),
                exclusive_minimum=_num(raw.get("exclusiveMinimum")) if not isinstance(
                    raw.get("exclusiveMinimum"), bool) else (_num(raw.get("minimum")) if raw.get(
                        "exclusiveMinimum") else None),
                exclusive_maximum=_num(raw.get("exclusiveMaximum")) if not isinstance(
                    raw.get("exclusiveMaximum"), bool) else (_num(raw.get("maximum")) if raw.get(
                        "exclusiveMaximum") else None),
            )
        elif types is None:
            node = PrimitiveType(primitive="any", location=loc)
        else:
            self.diags.warning(f"unknown schema type {types!r}; treated as `any`", loc.child("type"))
            node = PrimitiveType(primitive="any", location=loc)
        if nullable:
            node.nullable = True
        return node

    def _enum_values(self, raw: list[Any], loc: Location) -> list[Any]:
        """The enum's values but those no target can write, each warned about once; an enum left with
        none is no enum: the schema's type stands."""
        key = id(raw)
        if key not in self._kept_enums:
            self._kept_enums[key] = (raw, [v for i, v in enumerate(raw)
                                           if self._representable(v, "an enum value", loc.child("enum", i))])
        return self._kept_enums[key][1]

    def _object(self, raw: dict[str, Any], loc: Location, name_parts: tuple[str, ...]) -> TypeNode:
        props_raw = raw.get("properties") if isinstance(raw.get("properties"), dict) else {}
        required = set(raw.get("required") or []) if isinstance(raw.get("required"), list) else set()
        additional_raw = raw.get("additionalProperties")
        additional: TypeNode | bool | None
        if additional_raw is None:
            additional = None
        elif isinstance(additional_raw, bool):
            additional = additional_raw
        else:
            additional = self.schema(additional_raw, loc.child("additionalProperties"), name_parts + ("Value",))
        if not props_raw:
            values = additional if isinstance(additional, TypeNode) else PrimitiveType(primitive="any")
            return MapType(values=values, location=loc)
        props: list[Property] = []
        for prop_name, prop_raw in props_raw.items():
            ploc = loc.child("properties", prop_name)
            ptype = self.schema(prop_raw, ploc, name_parts + (str(prop_name),))
            props.append(
                Property(
                    name=str(prop_name),
                    type=ptype,
                    required=prop_name in required,
                    description=ptype.description,
                    deprecated=ptype.deprecated,
                    read_only=ptype.read_only,
                    write_only=ptype.write_only,
                    location=ploc,
                )
            )
        return ObjectType(properties=props, additional=additional, location=loc)

    def _union(self, raw: dict[str, Any], loc: Location, name_parts: tuple[str, ...]) -> TypeNode:
        key = "oneOf" if isinstance(raw.get("oneOf"), list) else "anyOf"
        variants: list[TypeNode] = []
        subs = [(index, sub) for index, sub in enumerate(raw[key])
                if not (isinstance(sub, dict) and sub.get("type") in ("null", ["null"]) and len(sub) == 1)]
        nullable = len(subs) < len(raw[key])
        if len(subs) == 1:
            # `anyOf: [X, null]` is X, nullable, under the name of where it stands (a component's own
            # schema stays that component)
            index, sub = subs[0]
            top = len(name_parts) == 1 and name_parts[0] in self._building
            only = self.schema(sub, loc.child(key, index), name_parts, top=top)
            if nullable:
                only.nullable = True
            return only
        said = raw.get("discriminator")
        disc_prop = said.get("propertyName") if isinstance(said, dict) else said
        parts = _variant_parts(subs, disc_prop if isinstance(disc_prop, str) else None)
        for index, sub in subs:
            variants.append(self.schema(sub, loc.child(key, index), name_parts + (parts[index],)))
        # sibling properties (`type: object` + oneOf) are ignored by design
        if not variants:
            return PrimitiveType(primitive="null", location=loc)
        disc = None
        raw_disc = raw.get("discriminator")
        if isinstance(raw_disc, str):  # Swagger 2.0 spelling
            raw_disc = {"propertyName": raw_disc}
        if isinstance(raw_disc, dict) and isinstance(raw_disc.get("propertyName"), str):
            disc = Discriminator(property=raw_disc["propertyName"])
            mapping = raw_disc.get("mapping") if isinstance(raw_disc.get("mapping"), dict) else {}
            if mapping:
                disc.explicit_mapping = True
                for value, ref in mapping.items():
                    if isinstance(ref, str):
                        ref_str = ref if "#" in ref or "/" in ref else f"{self._component_prefix}{ref}"
                        try:
                            target, tloc = self.spec.target(ref_str, loc)
                        except Exception:
                            self.diags.warning(f"discriminator mapping {value!r} -> {ref!r} does not resolve",
                                               loc.child("discriminator", "mapping", value))
                            continue
                        name = self._name_for_ref(tloc)
                        if name not in self.types:
                            self._ensure_named(name, target, tloc)
                        disc.mapping[str(value)] = RefType(name=name)
            else:
                for variant in variants:
                    value = self._discriminator_value(variant, disc.property)
                    if value is not None:
                        disc.mapping[value] = variant
        union = UnionType(variants=variants, nullable=nullable, location=loc)
        union.exclusive = key == "oneOf"
        union.discriminator = disc if disc is not None else self._implicit_discriminator(variants)
        if union.discriminator is None and union.exclusive:
            self._report_ambiguity(variants, loc.child(key))
        return union

    def _implicit_discriminator(self, variants: list[TypeNode]) -> Discriminator | None:
        """oneOf without a discriminator: if every variant is an object with a required const
        (or one-value enum) property of the same name, that property tells them apart."""
        objects = [self._resolve(v) for v in variants]
        if not objects or not all(isinstance(o, ObjectType) for o in objects):
            return None
        candidates: set[str] | None = None
        for obj in objects:
            assert isinstance(obj, ObjectType)
            names = {p.name for p in obj.properties if p.required and self._discriminator_value(obj, p.name) is not None}
            candidates = names if candidates is None else candidates & names
        for name in sorted(candidates or ()):
            values = [self._discriminator_value(v, name) for v in variants]
            if len(set(values)) == len(values):
                return Discriminator(property=name, mapping={str(val): var for val, var in zip(values, variants)})
        return None

    def _report_ambiguity(self, variants: list[TypeNode], loc: Location) -> None:
        """Warn when two object variants have the same required properties and no const tells them apart."""
        seen: dict[tuple[frozenset[str], tuple[tuple[str, str], ...]], int] = {}
        for index, variant in enumerate(variants):
            obj = self._resolve(variant)
            if not isinstance(obj, ObjectType):
                continue
            required = frozenset(p.name for p in obj.properties if p.required)
            consts = tuple(sorted((p.name, str(self._discriminator_value(obj, p.name))) for p in obj.properties
                                  if self._discriminator_value(obj, p.name) is not None))
            signature = (required, consts)
            if signature in seen:
                self.diags.warning(
                    f"oneOf variants {seen[signature]} and {index} have the same required properties and no "
                    "discriminator or const tells them apart; decoding picks the first that fits",
                    loc,
                )
            else:
                seen[signature] = index

    def _discriminator_value(self, variant: TypeNode, prop: str) -> str | None:
        node = self._resolve(variant)
        if isinstance(variant, ObjectType):
            node = variant
        if isinstance(node, ObjectType):
            p = node.get(prop)
            if p is not None:
                ptype = self._resolve(p.type)
                if isinstance(ptype, ConstType):
                    return str(ptype.value)
                if isinstance(ptype, EnumType) and len(ptype.values) == 1:
                    return str(ptype.values[0])
        if isinstance(variant, RefType):
            return variant.name
        return None

    def _all_of(self, raw: dict[str, Any], loc: Location, name_parts: tuple[str, ...]) -> TypeNode:
        parts = [p for p in raw["allOf"] if p != {}]
        siblings = {k: v for k, v in raw.items() if k not in ("allOf", "description", "title", "nullable",
                                                              "deprecated", "readOnly", "writeOnly", "default",
                                                              "example", "examples")}
        if len(parts) == 1 and not siblings.get("properties") and not siblings.get("required"):
            only = self.schema(parts[0], loc.child("allOf", 0), name_parts)
            if isinstance(only, RefType):
                return RefType(name=only.name, location=loc)
            return copy.copy(only)
        merged = ObjectType(properties=[], location=loc)
        required: set[str] = set()
        sources: dict[str, Location] = {}
        subs: list[tuple[Any, Location]] = [(p, loc.child("allOf", i)) for i, p in enumerate(parts)]
        if siblings.get("properties") or siblings.get("required"):
            subs.append((siblings, loc))
        merged_any = False
        for sub, sloc in subs:
            node = self.schema(sub, sloc, name_parts, top=True)
            resolved = self._resolve(node)
            if isinstance(sub, dict) and isinstance(sub.get("required"), list):
                required.update(str(r) for r in sub["required"])
            if isinstance(resolved, ObjectType):
                merged_any = True
                for prop in resolved.properties:
                    existing = merged.get(prop.name)
                    if existing is None:
                        merged.properties.append(copy.copy(prop))
                        sources[prop.name] = prop.location or sloc
                    else:
                        if not _same_shape(self._resolve(existing.type), self._resolve(prop.type)):
                            self.diags.warning(
                                f"allOf: property {prop.name!r} has conflicting types here and at "
                                f"{_loc_text(sources[prop.name])}; the later one wins",
                                prop.location or sloc,
                            )
                        existing.type = prop.type
                        existing.description = prop.description or existing.description
                    if prop.required:
                        required.add(prop.name)
                if isinstance(resolved.additional, TypeNode):
                    merged.additional = resolved.additional
            elif isinstance(resolved, MapType):
                merged_any = True
                merged.additional = resolved.values
            elif isinstance(resolved, PrimitiveType) and resolved.primitive == "any":
                continue
            else:
                # allOf of non-objects (e.g. a string with extra constraints): the last one wins
                if not merged.properties:
                    return copy.copy(resolved)
        if not merged_any:
            return PrimitiveType(primitive="any", location=loc)
        for prop in merged.properties:
            prop.required = prop.name in required
        if not merged.properties:
            return MapType(values=merged.additional if isinstance(merged.additional, TypeNode)
                           else PrimitiveType(primitive="any"), location=loc)
        return merged


class _Unsupported(Exception):
    pass


def _paths_with_children(paths: list[str]) -> set[str]:
    """The paths some other path lies below (`/threads` for `/threads/{thread_id}`)."""
    out: set[str] = set()
    for path in paths:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            out.add("/".join(parts[:depth]))
    return out


def _detour(path: str) -> int:
    """0 when the path's last static segment follows a parameter or opens the path (the resource's
    own place), 1 when it follows another static segment (`/threads/runs`)."""
    parts = [p for p in path.split("/") if p]
    while parts and naming.is_param_segment(parts[-1]):
        parts.pop()
    return 1 if len(parts) >= 2 and not naming.is_param_segment(parts[-2]) else 0


# the reason phrases of RFC 9110 (and 429 of RFC 6585): a response body's name says its status
_REASONS = {
    "200": "Ok", "201": "Created", "202": "Accepted", "203": "NonAuthoritative", "206": "PartialContent",
    "300": "MultipleChoices", "301": "MovedPermanently", "302": "Found", "303": "SeeOther", "304": "NotModified",
    "307": "TemporaryRedirect", "308": "PermanentRedirect", "400": "BadRequest", "401": "Unauthorized",
    "402": "PaymentRequired", "403": "Forbidden", "404": "NotFound", "405": "MethodNotAllowed",
    "406": "NotAcceptable", "407": "ProxyAuthenticationRequired", "408": "RequestTimeout", "409": "Conflict",
    "410": "Gone", "411": "LengthRequired", "412": "PreconditionFailed", "413": "ContentTooLarge",
    "414": "UriTooLong", "415": "UnsupportedMediaType", "416": "RangeNotSatisfiable", "417": "ExpectationFailed",
    "421": "MisdirectedRequest", "422": "UnprocessableContent", "423": "Locked", "424": "FailedDependency",
    "425": "TooEarly", "426": "UpgradeRequired", "428": "PreconditionRequired", "429": "TooManyRequests",
    "431": "RequestHeaderFieldsTooLarge", "451": "UnavailableForLegalReasons", "500": "InternalServerError",
    "501": "NotImplemented", "502": "BadGateway", "503": "ServiceUnavailable", "504": "GatewayTimeout",
    "1XX": "Informational", "2XX": "Success", "3XX": "Redirection", "4XX": "ClientError", "5XX": "ServerError",
    "DEFAULT": "Error",
}


def _status_part(status: str) -> str:
    """`NotFoundResponse` for a 404's body, `Status499Response` for a code without a phrase."""
    reason = _REASONS.get(status.upper())
    return f"{reason}Response" if reason else f"Status{naming.pascal(status)}Response"


def _media_word(media_type: str) -> str:
    """`multipart/form-data` -> multipart, `application/x-www-form-urlencoded` -> form, `text/plain` -> text."""
    main, _, sub = media_type.split(";")[0].strip().lower().partition("/")
    if main == "multipart":
        return "multipart"
    if "form" in sub:
        return "form"
    sub = sub.split("+")[-1]
    return sub if sub and naming.words(sub) else main or "other"


def _variant_parts(subs: list[tuple[int, Any]], discriminator: str | None) -> dict[int, str]:
    """What each inline variant of a union is called under the union's name: its title, else the
    value that tells it apart (`{type: {const: text}}` -> Text), else a property only it has
    (`file_ids` beside `files`), else its kind (List, String); `Variant<index>` only when two
    variants would share a name."""
    props: dict[int, dict[str, Any]] = {
        index: sub["properties"] for index, sub in subs
        if isinstance(sub, dict) and isinstance(sub.get("properties"), dict)}
    wanted: dict[int, str] = {}
    for index, sub in subs:
        part = ""
        if isinstance(sub, dict):
            title = sub.get("title")
            own = props.get(index, {})
            others = {name for other, p in props.items() if other != index for name in p}
            required = [r for r in sub.get("required", []) if isinstance(r, str)] \
                if isinstance(sub.get("required"), list) else []
            if isinstance(title, str) and naming.words(title):
                part = title
            else:
                for name in ([discriminator] if discriminator in own else []) + list(own):
                    value = _telling_value(own.get(name))
                    if value is not None and naming.words(value):
                        part = naming.pascal(value)
                        break
            if not part:
                unique = [n for n in required if n in own and n not in others] or [n for n in own if n not in others]
                if unique and naming.words(str(unique[0])):
                    part = naming.pascal(str(unique[0]))
            if not part and not own:
                kind = sub.get("type")
                part = {"array": "List", "string": "String", "integer": "Integer", "number": "Number",
                        "boolean": "Boolean", "object": "Object"}.get(kind, "") if isinstance(kind, str) else ""
        wanted[index] = part
    seen: dict[str, int] = {}
    for part in wanted.values():
        seen[part] = seen.get(part, 0) + 1
    return {index: part if part and seen[part] == 1 else f"Variant{index}" for index, part in wanted.items()}


def _telling_value(schema: Any) -> str | None:
    """The one value a property may take (`const`, or an enum of one), as text."""
    if not isinstance(schema, dict):
        return None
    if "const" in schema and isinstance(schema["const"], (str, int)) and not isinstance(schema["const"], bool):
        return str(schema["const"])
    enum = schema.get("enum")
    if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str):
        return enum[0]
    return None


def _same_shape(a: TypeNode, b: TypeNode) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, PrimitiveType) and isinstance(b, PrimitiveType):
        return a.primitive == b.primitive or {a.primitive, b.primitive} == {"integer", "number"}
    if isinstance(a, RefType) and isinstance(b, RefType):
        return a.name == b.name
    return True


def _path_params(path: str) -> list[str]:
    from .model import path_param_names

    return path_param_names(path)


def _party(value: Any) -> Party | None:
    """``info.license`` / ``info.contact`` (None when absent or naming nothing): one-line strings."""
    if not isinstance(value, dict):
        return None
    fields = {key: display_line(value[key]) for key in ("name", "identifier", "url", "email")
              if isinstance(value.get(key), (str, int, float)) and not isinstance(value.get(key), bool)}
    party = Party(**fields)
    return party if any(fields.values()) else None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value: Any) -> float | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or unrepresentable(value) is not None:
        return None
    return value


# integers whose magnitude fits in int64: Go's int64 takes -2**63 too, but mypy reads no literal type for it
INT_LIMIT = 2**63 - 1


def unrepresentable(value: Any) -> int | float | None:
    """The first number in ``value`` (a JSON value, searched through lists and objects) that not every
    target can write as a literal: an integer whose magnitude is beyond int64's (Go's int64; in
    TypeScript such a number is not even exact) or a float that is not finite (YAML's .inf, .nan; JSON's 1e400).
    The decision is the same for every target: such a value is left out (of an enum, a const, a
    default, an example) with a warning."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, bool):
            continue
        if isinstance(item, int):
            if not -INT_LIMIT <= item <= INT_LIMIT:
                return item
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                return item
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
    return None


def _number_text(value: int | float) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:20] + "..." + text[-8:]


def _primitive_of(value: Any) -> Any:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "string"
    return "any"


def _dedupe(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


def _loc_text(loc: Location | None) -> str:
    return f"{loc.file}{loc.pointer}" if loc else ""


# The build follows references as it meets them: a named schema is built (recursively) the first time it is
# referenced, so a chain of schemas that refer to the next one (S0 -> S1 -> ... each an object, union, array
# or bare $ref) recurses a few frames per link, however shallow each document is.  The build runs with room
# for chains of thousands of links (Python calls do not grow the C stack); past that the spec is refused.
BUILD_RECURSION_LIMIT = 60_000


def build_ir(spec: ResolvedSpec, config: Config, diags: Diagnostics) -> tuple[Api, BuildReport]:
    builder = IRBuilder(spec, config, diags)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, BUILD_RECURSION_LIMIT))
    try:
        api = builder.build()
    except RecursionError:
        where = builder._top or spec.root_location
        diags.error("schemas refer to each other too deeply to build (a chain of thousands of $refs starts here)",
                    where)
        raise SpecError(diags.errors()) from None
    finally:
        sys.setrecursionlimit(limit)
    _mark_json_wildcards(api)
    _mark_file_bodies(api)
    return api, builder.report


def _mark_json_wildcards(api: Api) -> None:
    """A body declared as ``*/*`` or ``application/*`` whose schema is an object, array or map is
    JSON: only JSON carries such a value (``MediaBody.json_wildcard``)."""

    def structured(node: Any, seen: frozenset[int] = frozenset()) -> bool:
        resolved = api.resolve(node)
        if id(resolved) in seen:
            return False
        if isinstance(resolved, UnionType):
            return any(structured(v, seen | {id(resolved)}) for v in resolved.variants)
        return isinstance(resolved, (ObjectType, ArrayType, MapType))

    for op in api.operations:
        bodies = list(op.body.contents) if op.body is not None else []
        for response in op.responses:
            bodies += response.contents
        for body in bodies:
            if body.media_type.split(";")[0].strip().lower() in ("*/*", "application/*") and structured(body.type):
                body.json_wildcard = True


def _mark_file_bodies(api: Api) -> None:
    """A multipart request body beside a JSON one, with a file field (``MediaBody.carries_files``):
    the SDKs send it, since the JSON alternative cannot carry the files."""

    def is_file(node: Any, depth: int = 0) -> bool:
        resolved = api.resolve(node)
        if isinstance(resolved, PrimitiveType):
            return resolved.is_binary
        if depth < 2 and isinstance(resolved, ArrayType):
            return is_file(resolved.items, depth + 1)
        if depth < 2 and isinstance(resolved, UnionType):
            return any(is_file(v, depth + 1) for v in resolved.variants)
        return False

    def is_flat(node: Any, depth: int = 0) -> bool:
        """A field a form part holds as text: a scalar, a file, a list of them, or a union of them."""
        resolved = api.resolve(node)
        if isinstance(resolved, ArrayType) and depth < 2:
            return is_flat(resolved.items, depth + 1)
        if isinstance(resolved, UnionType) and depth < 2:
            return all(is_flat(v, depth + 1) for v in resolved.variants)
        return not isinstance(resolved, (ObjectType, MapType, UnionType, ArrayType))

    def same(a: Any, b: Any) -> bool:
        return a is b or isinstance(a, RefType) and isinstance(b, RefType) and a.name == b.name

    for op in api.operations:
        if op.body is None or not any(b.is_json for b in op.body.contents):
            continue
        for body in op.body.contents:
            if any(other.is_json and same(other.type, body.type) for other in op.body.contents):
                continue  # one schema in two encodings (OpenAI's skills): JSON first, as for any body
            node = api.resolve(body.type)
            # only a flat form: nested objects are JSON's to carry (Discord's message components, which
            # a multipart form would spell in brackets the server does not read as objects)
            if body.is_multipart and isinstance(node, ObjectType):
                body.carries_files = any(is_file(prop.type) for prop in node.properties) and all(
                    is_flat(prop.type) for prop in node.properties)


def _security_requirements(raw: Any) -> list[dict[str, list[str]]] | None:
    """A ``security`` list as alternatives of {scheme: scopes}; None when absent or malformed."""
    if not isinstance(raw, list):
        return None
    out: list[dict[str, list[str]]] = []
    for entry in raw:
        if isinstance(entry, dict):
            out.append({str(name): [str(s) for s in scopes] if isinstance(scopes, list) else []
                        for name, scopes in entry.items()})
    return out


def _server_variables(raw: Any) -> list[ServerVariable]:
    out: list[ServerVariable] = []
    if not isinstance(raw, dict):
        return out
    for name, var in raw.items():
        if not isinstance(var, dict) or "default" not in var:
            continue
        enum = [str(v) for v in var.get("enum") or [] if isinstance(v, (str, int, float))]
        out.append(ServerVariable(name=str(name), default=str(var["default"]), enum=enum,
                                  description=_str(var.get("description"))))
    return out
