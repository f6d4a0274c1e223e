"""HTTP notation for the docs: wire names, JSON types, and a curl example."""

from __future__ import annotations

import json
import re
import shlex
import urllib.parse
from typing import Any

from ...ir.model import Operation, PrimitiveType
from .lang import Language, abbreviate_values
from .model import DocNode, ExampleCall, is_file

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
    return FILE_PATH if is_file(value) else str(value)


def _scalar(value: Any) -> str:
    """A parameter or form value as text (docs/WIRE.md): strings as they are, booleans
    ``true``/``false``, numbers in their shortest form, anything else as JSON."""
    if is_file(value):
        return FILE_PATH
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=_sample_json)


def _item_key(name: str, item: Any, index: int) -> str:
    """An array item's key in bracket form (docs/WIRE.md): ``name[]``, or ``name[i]`` for an object
    or array item."""
    return f"{name}[{index}]" if isinstance(item, (list, dict)) else name + "[]"


def _bracket_pairs(name: str, value: Any) -> list[tuple[str, str]]:
    """Unencoded (key, value) pairs of a value in bracket form (docs/WIRE.md): ``name[key]``,
    arrays ``name[]`` (an object or array item ``name[i]``)."""
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in _bracket_pairs(f"{name}[{k}]", v)]
    if isinstance(value, list):
        return [pair for i, v in enumerate(value) for pair in _bracket_pairs(_item_key(name, v, i), v)]
    return [(name, _scalar(value))]


def pct(text: str) -> str:
    """Percent-encoded as the SDKs do: everything but ``A-Z a-z 0-9 - . _ ~``."""
    return urllib.parse.quote(text, safe="-._~")


def query_pairs(name: str, value: Any, style: str, explode: bool) -> list[tuple[str, str]]:
    """A query parameter's (key, value) pairs, encoded, by its style and explode (docs/WIRE.md)."""
    if style == "deepObject" and isinstance(value, (list, dict)):
        return [(pct(k), pct(v)) for k, v in _bracket_pairs(name, value)]
    if isinstance(value, list):
        items = [pct(_scalar(v)) for v in value]
        if explode:
            return [(pct(name), v) for v in items]
        sep = {"spaceDelimited": "%20", "pipeDelimited": "|"}.get(style, ",")
        return [(pct(name), sep.join(items))] if items else []
    if isinstance(value, dict):
        if explode:
            return [(pct(str(k)), pct(_scalar(v))) for k, v in value.items()]
        return [(pct(name), ",".join(f"{pct(str(k))},{pct(_scalar(v))}" for k, v in value.items()))]
    return [(pct(name), pct(_scalar(value)))]


def path_value(name: str, value: Any, style: str, explode: bool) -> str:
    """A path parameter's text in the URL, by its style (docs/WIRE.md)."""
    if isinstance(value, list):
        items = [pct(_scalar(v)) for v in value]
    elif isinstance(value, dict):
        pairs = [(pct(str(k)), pct(_scalar(v))) for k, v in value.items()]
        items = [f"{k}={v}" for k, v in pairs] if explode else [x for pair in pairs for x in pair]
    else:
        text = _scalar(value)
        items = ["%2E" * len(text) if text and set(text) == {"."} else pct(text)]
    if style == "label":
        return "." + ("." if explode and isinstance(value, list) else ",").join(items)
    if style == "matrix":
        if explode and isinstance(value, list):
            return "".join(f";{pct(name)}={v}" for v in items)
        if explode and isinstance(value, dict):
            return "".join(";" + v for v in items)
        return f";{pct(name)}=" + ",".join(items)
    return ",".join(items)


def header_value(value: Any, explode: bool) -> str:
    """A header parameter's text: ``simple`` style, unencoded (docs/WIRE.md)."""
    if isinstance(value, list):
        return ",".join(_scalar(v) for v in value)
    if isinstance(value, dict):
        pairs = [(str(k), _scalar(v)) for k, v in value.items()]
        return ",".join(f"{k}={v}" if explode else f"{k},{v}" for k, v in pairs)
    return _scalar(value)


def env_ref(env: str) -> str:
    """An environment variable inside a double-quoted shell word."""
    if _SHELL_NAME.fullmatch(env):
        return "$" + env
    return "$(printenv " + sh_double(sh_single(env)) + ")"


_SHELL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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

    def alias_paths(self, op: Operation) -> list[str]:
        return []  # an alias is the SDKs' second name: the endpoint is one

    def signature(self, op: Operation) -> str:
        return f"{op.method.upper()} {op.path}"

    def auth(self, call: ExampleCall) -> tuple[list[str], list[tuple[str, str]], list[str]]:
        """The operation's auth as curl shows it (its first security alternative, every scheme of
        it): options, query pairs and cookie pairs, with the credentials' environment variables."""
        opts: list[str] = []
        query: list[tuple[str, str]] = []
        cookies: list[str] = []
        for name in call.security:
            scheme = self.contract.scheme(name)
            if scheme is None:
                continue
            envs = [env_ref(c.env) for c in scheme.credentials]
            if scheme.kind == "bearer":
                opts.append(f'-H "Authorization: Bearer {envs[0]}"')
            elif scheme.kind == "basic":
                opts.append(f'-u "{envs[0]}:{envs[1]}"')
            elif scheme.location == "header":
                opts.append(f'-H "{sh_double(scheme.wire_name)}: {envs[0]}"')
            elif scheme.location == "query":
                query.append((sh_double(pct(scheme.wire_name)), envs[0]))
            else:
                cookies.append(f"{sh_double(pct(scheme.wire_name))}={envs[0]}")
        return opts, query, cookies

    def example_request(self, op: Operation, call: ExampleCall) -> str:
        styles = {(p.location, p.name): p for p in call.wire.params}
        path = op.path
        for arg in call.path:
            p = styles.get(("path", arg.wire))
            text = path_value(arg.wire, arg.value, p.style if p else "simple", p.explode if p else False)
            path = path.replace("{" + arg.wire + "}", text)
        query: list[tuple[str, str]] = []
        for arg in call.query:
            p = styles.get(("query", arg.wire))
            query += query_pairs(arg.wire, arg.value, p.style if p else "form", p.explode if p else True)
        auth_opts, auth_query, auth_cookies = self.auth(call)
        url = (self.base_url.rstrip("/") if self.base_url else "") + path
        plain = "&".join(f"{k}={v}" for k, v in query)
        if self.base_url is None or auth_query:
            # a word with environment variables: double-quoted, every other character literal
            head = "$" + self.contract.names.env_base_url if self.base_url is None else ""
            pairs = [f"{sh_double(k)}={sh_double(v)}" for k, v in query] + [f"{k}={v}" for k, v in auth_query]
            url_word = '"' + head + sh_double(url) + ("?" + "&".join(pairs) if pairs else "") + '"'
        else:
            url_word = shlex.quote(url + ("?" + plain if plain else ""))
        opts: list[str] = []
        method = op.method.upper()
        has_data = bool(call.body or call.body_value)
        if method != "GET" and not (method == "POST" and has_data):
            opts.append(f"-X {method}")
        if call.body_kind == "json" and has_data:
            opts.append(f"-H {sh_single('Content-Type: ' + (call.content_type or 'application/json'))}")
        opts += auth_opts
        for a in call.headers:
            p = styles.get(("header", a.wire))
            opts.append(f"-H {sh_single(a.wire + ': ' + header_value(a.value, p.explode if p else False))}")
        cookies = [f"{sh_double(pct(a.wire))}={sh_double(pct(_scalar(a.value)))}" for a in call.cookies]
        if cookies or auth_cookies:
            opts.append('--cookie "' + "; ".join(cookies + auth_cookies) + '"')
        if call.body_kind == "json" and has_data:
            data = {a.wire: a.value for a in call.body} if call.body_value is None else call.body_value.value
            text = json.dumps(data, indent=2, ensure_ascii=False, default=_sample_json)
            text = text.replace("\n", "\n" + " " * 8)
            opts.append(f"-d {sh_single(text)}")
        elif call.body_kind == "multipart":
            fields = {f.name: f for f in call.wire.request.fields}
            for arg in call.body:
                opts += self.multipart(arg.wire, arg.value, fields.get(arg.wire))
        elif call.body_kind == "form":
            fields = {f.name: f for f in call.wire.request.fields}
            for arg in call.body:
                for key, value in self.form_pairs(arg.wire, arg.value, fields.get(arg.wire)):
                    opts.append(f"--data-urlencode {sh_single(f'{key}={value}')}")
        elif call.body_value is not None:
            opts.append(f"-H {sh_single('Content-Type: ' + (call.content_type or 'application/octet-stream'))}")
            if is_file(call.body_value.value):
                opts.append(f"--data-binary {sh_single('@' + FILE_PATH)}")
            else:
                opts.append(f"--data-binary {sh_single(_scalar(call.body_value.value))}")
        lines = [f"curl {url_word}"] + [f"    {o}" for o in opts]
        return " \\\n".join(lines)

    @staticmethod
    def multipart(name: str, value: Any, field: Any) -> list[str]:
        """``-F`` options for one multipart field (docs/WIRE.md: arrays as ``name[]`` parts, objects
        in bracket form, a JSON-encoded field as one part holding its JSON)."""
        if field is not None and field.json:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_sample_json)
            return [f"-F {sh_single(f'{name}={text};type=application/json')}"]
        if is_file(value):
            return [f"-F {sh_single(f'{name}=@{FILE_PATH}')}"]
        if isinstance(value, list):
            return [opt for i, item in enumerate(value) for opt in Http.multipart(_item_key(name, item, i), item, None)]
        if isinstance(value, dict):
            return [opt for k, v in value.items() for opt in Http.multipart(f"{name}[{k}]", v, None)]
        return [f"--form-string {sh_single(f'{name}={_scalar(value)}')}"]

    @staticmethod
    def form_pairs(name: str, value: Any, field: Any) -> list[tuple[str, str]]:
        """Unencoded (key, value) pairs of a form field by its encoding's style and explode
        (docs/WIRE.md): arrays as repeated keys (form, explode), ``name[]`` keys (deepObject) or one
        delimited value; objects in bracket form."""
        style = field.style if field is not None else "form"
        explode = field.explode if field is not None else True
        if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (list, dict)) for v in value)):
            return _bracket_pairs(name, value)
        if isinstance(value, list):
            if style == "deepObject":
                return [(name + "[]", _scalar(v)) for v in value]
            if explode:
                return [(name, _scalar(v)) for v in value]
            sep = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
            return [(name, sep.join(_scalar(v) for v in value))] if value else []
        return [(name, _scalar(value))]
