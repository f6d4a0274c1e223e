"""HTTP notation for the docs: wire names, JSON types, and a curl example."""

from __future__ import annotations

import json
import shlex
import urllib.parse
from typing import Any

from ...ir.model import Operation, PrimitiveType
from .lang import Language, abbreviate_values
from .model import FILE, DocNode, ExampleCall

FILE_PATH = "path/to/file"


def sh_single(text: str) -> str:
    """A POSIX shell single-quoted word."""
    return "'" + str(text).replace("'", "'\\''") + "'"


def sh_double(text: str) -> str:
    """Text inside shell double quotes with nothing expanded."""
    out = str(text)
    for ch in ("\\", '"', "$", "`"):
        out = out.replace(ch, "\\" + ch)
    return out


def _sample_json(value: Any) -> Any:
    """json.dumps' fallback: a file sample (a binary value outside a file upload) is shown as the path
    of a file."""
    return FILE_PATH if value is FILE else str(value)


def _form_value(value: Any) -> str:
    if value is FILE:
        return FILE_PATH
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=_sample_json)


class Http(Language):
    key = "http"
    label = "HTTP"
    fence = "bash"
    settings_key = "http"
    root_keyword = "object"

    def primitive(self, node: PrimitiveType, where: str) -> str:
        if node.is_binary:
            return "file"
        return {"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
                "null": "null"}.get(node.primitive, "unknown")

    def enum_text(self, values: list[Any]) -> str:
        return abbreviate_values(values, self.enum_value, " or ")

    def array_text(self, inner: str) -> str:
        return f"array of {inner}"

    def map_text(self, inner: str) -> str:
        return f"map[{inner}]"

    def union_text(self, parts, node, owner, key) -> str:  # type: ignore[no-untyped-def]
        return " or ".join(dict.fromkeys(parts))

    def field_label(self, name: str, text: str, row: DocNode) -> str:
        return f"{name}: {text}" if row.required else f"{name}: optional {text}"

    def alias_label(self, name: str, text: str) -> str:
        return f"{name} = {text}"

    def page_text(self, scheme: str, item: str) -> str:
        return f"{scheme}<{item}>"

    def binary_return(self) -> str:
        return "binary"

    def call_path(self, op: Operation) -> str:
        return f"{op.method.upper()} {op.path}"

    def signature(self, op: Operation) -> str:
        return f"{op.method.upper()} {op.path}"

    def auth_args(self) -> list[str]:
        env = "$" + self.env_api_key
        for scheme in self.api.security:
            if scheme.type == "http" and (scheme.scheme or "").lower() == "bearer":
                return [f'-H "Authorization: Bearer {env}"']
            if scheme.type == "http" and (scheme.scheme or "").lower() == "basic":
                return [f'-u "{env}:"']
            if scheme.type == "apiKey" and scheme.location == "header" and scheme.param_name:
                return [f'-H "{sh_double(scheme.param_name)}: {env}"']
            if scheme.type == "oauth2" or scheme.type == "openIdConnect":
                return [f'-H "Authorization: Bearer {env}"']
        return []

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        path = op.path
        for arg in call.path:
            path = path.replace("{" + arg.wire + "}", urllib.parse.quote(_form_value(arg.value), safe=""))
        url = self.base_url.rstrip("/") + path
        query = [(a.wire, _form_value(a.value)) for a in call.query]
        for scheme in self.api.security:
            if scheme.type == "apiKey" and scheme.location == "query" and scheme.param_name:
                query.append((scheme.param_name, "__KEY__"))
        url_word = shlex.quote(url + ("?" + urllib.parse.urlencode(query) if query else ""))
        if "__KEY__" in url_word:
            url_word = '"' + sh_double(url + "?" + urllib.parse.urlencode(query)).replace(
                "__KEY__", "$" + self.env_api_key) + '"'
        opts: list[str] = []
        method = op.method.upper()
        has_data = bool(call.body or call.body_value)
        if method != "GET" and not (method == "POST" and has_data):
            opts.append(f"-X {method}")
        if call.body_kind == "json" and has_data:
            opts.append("-H 'Content-Type: application/json'")
        opts += self.auth_args()
        opts += [f"-H {sh_single(f'{a.wire}: {_form_value(a.value)}')}" for a in call.headers]
        if call.body_kind == "json" and has_data:
            data = {a.wire: a.value for a in call.body} if call.body_value is None else call.body_value.value
            text = json.dumps(data, indent=2, ensure_ascii=False, default=_sample_json)
            text = text.replace("\n", "\n" + " " * 8)
            opts.append(f"-d {sh_single(text)}")
        elif call.body_kind == "multipart":
            for arg in call.body:
                if arg.value is FILE:
                    opts.append(f"-F {sh_single(f'{arg.wire}=@{FILE_PATH}')}")
                else:
                    opts.append(f"-F {sh_single(f'{arg.wire}={_form_value(arg.value)}')}")
        elif call.body_kind == "form":
            for arg in call.body:
                opts.append(f"--data-urlencode {sh_single(f'{arg.wire}={_form_value(arg.value)}')}")
        elif call.body_value is not None:
            opts.append(f"-H {sh_single('Content-Type: ' + (call.content_type or 'application/octet-stream'))}")
            if call.body_value.value is FILE:
                opts.append(f"--data-binary {sh_single('@' + FILE_PATH)}")
            else:
                opts.append(f"--data-binary {sh_single(_form_value(call.body_value.value))}")
        lines = [f"curl {url_word}"] + [f"    {o}" for o in opts]
        return " \\\n".join(lines)
