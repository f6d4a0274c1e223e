"""A hostile OpenAPI document: every string slot carries something that tries to break out.

Each payload, if it ever escaped its string/comment/doc slot and ran, would print ``PWNED`` or
create a file named ``CANARY*`` in the current directory.  Every operation and property carries
a unique marker (``OPMARK0007``, ``PROPMARK0042``) in its description so the tests can check that
nothing was dropped by any target.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

CANARY = "CANARY"

# Breakout attempts, one or more per language / output kind.
PAYLOADS: list[str] = [
    # Python
    '"""; import os; os.system("touch CANARY_py1"); print("PWNED") #',
    "'''; import os; os.system('touch CANARY_py2'); print('PWNED') #",
    '\nimport os; os.system("touch CANARY_py3"); print("PWNED")\n',
    '\\"""\nprint("PWNED")\n"""',
    "\\",
    # TypeScript / JavaScript
    '*/ console.log("PWNED"); require("fs").writeFileSync("CANARY_ts1", "x"); /*',
    "${console.log('PWNED')}",
    "`; console.log('PWNED'); `",
    "\n// \n console.log('PWNED');\n",
    "\\u002a/ console.log('PWNED') /*",
    # Ruby
    '#{puts "PWNED"; File.write("CANARY_rb1", "x")}',
    '\n=begin\n',
    '\n=end\nputs "PWNED"; File.write("CANARY_rb2", "x")\n=begin\n',
    '\n__END__\n',
    "%q{ }; puts 'PWNED' #",
    # Go
    '*/ func init() { println("PWNED") } /*',
    "`+\"PWNED\"+`",
    "\n}\nfunc init() { println(\"PWNED\") }\nvar _ = struct{\n",
    # HTML / Markdown (docs)
    '</script><script>console.log("PWNED")</script>',
    '<img src=x onerror="console.log(\'PWNED\')">',
    "[click me](javascript:console.log('PWNED'))",
    "<a href=\"javascript:console.log('PWNED')\">x</a>",
    "<!-- --> <svg onload=console.log('PWNED')>",
    "```\n</code></pre><script>console.log('PWNED')</script>\n```",
    # Jinja / generic templates
    "{{ 7*7 }} {% raw %} {# x #} <%= 7*7 %>",
    # control and odd characters
    "nul\x00byte bell\x07 esc\x1b[31mred del\x7f cr\rlf",
    "line\u2028sep para\u2029sep bom\ufeff rtl\u202egnp.exe lri\u2066x\u2069 lro\u202dy\u202c nel\x85",
    "emoji \U0001F600 \U0001F4A5 zwj \U0001F468\u200d\U0001F469 combining e\u0301",
    "x" * 5000,
    "tab\tand\vvtab\fff",
]

# Names that collide with keywords / builtins / runtime members of some target language.
KEYWORDS: list[str] = [
    "class", "import", "self", "None", "type", "def", "end", "func", "default", "constructor",
    "__proto__", "package", "object_id", "then", "yield", "new", "delete", "interface", "String",
    "Object", "Error", "Client", "Promise", "Array", "len", "hash", "send", "initialize", "__init__",
    "model_config", "model_fields", "json", "dict", "copy", "to_h", "toString", "prototype", "range",
    "select", "map", "nil", "true", "false", "await", "async", "var", "let", "return", "go", "chan",
    "struct", "error", "string", "int", "BaseModel", "Struct", "Hash", "Kernel", "Module", "Symbol",
    "options", "client", "request", "response", "params", "body", "headers", "method_missing",
    "freeze", "then", "__class__", "__dict__", "hasOwnProperty", "valueOf",
]

# Names that sanitise to the same identifier, or to nothing.
COLLIDING: list[str] = ["foo_bar", "fooBar", "foo-bar", "FooBar", "foo bar", "foo.bar", "FOO_BAR"]
ODD_NAMES: list[str] = ["", "_", "-", "1st", "42", "ünïcödé", "\U0001F600", "名前", "a\"b", "a'b", "a\\b",
                        "a/b", "../../evil", "$ref", "@type", "#{x}", "${x}", "*/x", "x\ny", "\x00",
                        "_1", "9"]  # Ruby: `_1`..`_9` are numbered block parameters, not names


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


PROPERTY_NAMES = _unique(KEYWORDS + COLLIDING + ODD_NAMES)
ENUM_VALUES = _unique(["", "\\", 'a"b', "a'b", "#{x}", "${x}", "*/", "foo bar", "1", "FOO", "foo", "Foo",
                       "class", "None", "nil", "null", "true", "__proto__", "\U0001F600", "a\nb",
                       "\u2028", "x" * 300] + PAYLOADS[:3])


def text(index: int) -> str:
    """A description: one payload (rotating), with a marker-free tail."""
    return PAYLOADS[index % len(PAYLOADS)]


def build(version: str = "3.1.0") -> dict[str, Any]:
    """The hostile document (a JSON-compatible dict)."""
    counter = iter(range(10_000))

    def desc(marker: str) -> str:
        n = next(counter)
        return f"{marker} {text(n)} {text(n + 7)}"

    prop_markers: list[str] = []

    def prop_desc() -> str:
        marker = f"PROPMARK{len(prop_markers):04d}"
        prop_markers.append(marker)
        return desc(marker)

    def hostile_object(title: str, names: list[str]) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for i, name in enumerate(names):
            kind = i % 6
            if kind == 0:
                schema: dict[str, Any] = {"type": "string", "default": text(i), "example": text(i + 1)}
            elif kind == 1:
                schema = {"type": "string", "enum": ENUM_VALUES}
            elif kind == 2:
                schema = {"type": "integer", "default": 3, "examples": [1, 2]}
            elif kind == 3:
                schema = {"type": "array", "items": {"type": "string", "enum": ["#{a}", "${b}", "*/"]}}
            elif kind == 4:
                schema = {"type": "object", "additionalProperties": {"type": "string"},
                          "default": {"nested": {"deep": text(i)}, text(i + 2)[:40]: [text(i + 3)]}}
            else:
                schema = {"type": ["string", "null"] if version.startswith("3.1") else "string",
                          "title": text(i + 4)}
                if not version.startswith("3.1"):
                    schema["nullable"] = True
            schema["description"] = prop_desc()
            props[name] = schema
        return {"type": "object", "title": title, "description": text(len(names)),
                "required": names[::3], "properties": props}

    schemas: dict[str, Any] = {}
    schema_names = _unique(KEYWORDS[:30] + COLLIDING + ODD_NAMES)
    for i, name in enumerate(schema_names):
        schemas[name] = hostile_object(text(i), PROPERTY_NAMES[i % 7 :: 9])
    # one schema with every hostile property name
    schemas["EveryName"] = hostile_object("every name", PROPERTY_NAMES)
    schemas["HostileEnum"] = {"type": "string", "enum": ENUM_VALUES, "description": text(3)}
    schemas["IntEnum"] = {"type": "integer", "enum": [-1, 0, 1, 2**40], "description": text(4)}
    schemas["Union"] = {
        "description": text(5),
        "oneOf": [{"$ref": "#/components/schemas/class"}, {"$ref": "#/components/schemas/import"}],
        "discriminator": {"propertyName": "type",
                          "mapping": {text(6)[:30]: "#/components/schemas/class",
                                      "#{x}": "#/components/schemas/import"}},
    }
    schemas["Recursive"] = {
        "type": "object", "description": text(8),
        "properties": {"self": {"$ref": "#/components/schemas/Recursive"},
                       "children": {"type": "array", "items": {"$ref": "#/components/schemas/Recursive"}}},
    }
    schema_refs = [f"#/components/schemas/{quote(n.replace('~', '~0').replace('/', '~1'), safe='')}"
                   for n in schema_names]

    op_markers: list[str] = []
    paths: dict[str, Any] = {}
    op_ids = _unique(KEYWORDS + COLLIDING + ODD_NAMES)
    segments = _unique(KEYWORDS[:24] + ["a b", "\"q\"", "back\\slash", "${x}", "#{x}", "*/", "%2e%2e", "ü",
                                        "\U0001F600", "it's"])
    param_names = _unique(KEYWORDS[:20] + COLLIDING + ["", "a b", "x-Request-ID", "#{x}", "*/", "1st", "9"])
    methods = ["get", "post", "put", "patch", "delete"]
    for i, op_id in enumerate(op_ids):
        seg = segments[i % len(segments)]
        pname = param_names[i % len(param_names)] or "p"
        path = f"/{seg}/{{{pname}}}/{segments[(i * 5 + 3) % len(segments)]}{i}"
        method = methods[i % len(methods)]
        marker = f"OPMARK{len(op_markers):04d}"
        op_markers.append(marker)
        params = [{"name": pname, "in": "path", "required": True, "description": text(i),
                   "schema": {"type": "string"}}]
        for j, where in enumerate(("query", "header", "cookie", "query")):
            qname = param_names[(i * 3 + j + 1) % len(param_names)]
            if qname == pname:
                continue
            params.append({"name": qname, "in": where, "required": j == 0, "description": text(i + j),
                           "schema": {"type": "string", "enum": ENUM_VALUES[:6], "default": ENUM_VALUES[2]}
                           if j == 3 else {"type": "string", "default": text(i + j)},
                           "example": text(i + j + 1)})
        op: dict[str, Any] = {
            "operationId": op_id,
            "summary": text(i + 2),
            "description": desc(marker),
            "tags": [text(i)[:60], KEYWORDS[i % len(KEYWORDS)]],
            "parameters": params,
            "x-oaiMeta": {"name": text(i + 5), "group": text(i + 6),
                          "examples": {"request": {"curl": text(i + 7)}, "response": text(i + 8)}},
            "responses": {
                "200": {"description": text(i + 3), "content": {"application/json": {
                    "schema": {"$ref": schema_refs[i % len(schema_refs)]},
                    "example": {"nested": [text(i + 9), {"deeper": text(i + 10)}]}}}},
                "default": {"description": text(i + 4)},
            },
        }
        if method in ("post", "put", "patch"):
            media = ["application/json", "multipart/form-data", "application/x-www-form-urlencoded"][i % 3]
            body_schema = ({"$ref": schema_refs[(i + 1) % len(schema_refs)]} if media == "application/json"
                           else {"type": "object", "properties": {"file": {"type": "string", "format": "binary"},
                                                                  "class": {"type": "string"},
                                                                  "#{x}": {"type": "string"}}})
            op["requestBody"] = {"required": True, "description": text(i + 11),
                                 "content": {media: {"schema": body_schema}}}
        paths[path] = {method: op, "summary": text(i), "description": text(i + 1)}
    return {
        "openapi": version,
        "info": {
            "title": '"Hostile" </script> #{x} ${y} */ API \U0001F600',
            "version": '1.0"; puts "PWNED',
            "description": "\n".join(PAYLOADS[:12]),
            "termsOfService": "javascript:console.log('PWNED')",
            "contact": {"name": text(1), "url": "javascript:console.log('PWNED')", "email": "a@b.c\"<script>"},
            "license": {"name": text(2), "url": "javascript:console.log('PWNED')"},
        },
        "servers": [
            {"url": 'https://api.example.com/v1"; puts "PWNED"; "', "description": text(3)},
            {"url": "https://{region}.example.com/#{x}/${y}/*/", "description": text(4),
             "variables": {"region": {"default": '"; print("PWNED") #', "enum": ['"; print("PWNED") #', "eu"],
                                      "description": text(5)}}},
        ],
        "tags": [{"name": text(i)[:60], "description": text(i + 1)} for i in range(8)],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"class": {"type": "apiKey", "in": "header", "name": 'X-"Key"#{x}',
                                          "description": text(9)}},
        },
        "x-markers": {"operations": op_markers, "properties": prop_markers},
    }


def write(folder: Path, version: str = "3.1.0") -> Path:
    """Write the hostile spec as JSON (NUL and lone control characters survive JSON escaping)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.json"
    path.write_text(json.dumps(build(version), indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover - writes the fixture beside this file
    import sys

    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent))


def page_scheme_operation(scheme: dict[str, Any], operation_id: str) -> dict[str, Any]:
    """A GET operation that a config's page ``scheme`` matches (its query has the scheme's cursor and
    limit, its response the scheme's items array, has_more and next_cursor): the scheme's page class
    is then generated in every target, not only where every scheme is."""
    request = scheme.get("request") or {}
    response = scheme.get("response") or {}
    cursor = request.get("cursor") or request.get("offset") or request.get("page")
    items = response.get("items") or "data"
    params = [{"name": name, "in": "query", "schema": {"type": kind}}
              for name, kind in ((cursor, "string"), (request.get("limit"), "integer")) if name]
    properties: dict[str, Any] = {
        items: {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}}}}
    for name, kind in ((response.get("has_more"), "boolean"), (response.get("next_cursor"), "string")):
        if name:
            properties.setdefault(name, {"type": kind})
    return {"get": {
        "operationId": operation_id,
        "parameters": [p for i, p in enumerate(params) if p["name"] not in [q["name"] for q in params[:i]]],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object", "required": [items], "properties": properties}}}}},
    }}
