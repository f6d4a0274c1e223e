"""``sdkforge init SPEC``: a starter config for the user to edit.

It holds what sdkforge derives for the spec with no config (the display name, each SDK's package and
client names, the environment variables), so that, as written, it changes nothing; and, as comments,
the page schemes recognised in the spec and the renames the naming had to make, each with the config
entry that would change it.  Every string from the spec reaches the YAML through :func:`yaml_string`
(a value) or :func:`yaml_comment` (a comment), so a title or an operationId holding ``: #``, quotes
or a line break can neither end the line nor add a key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics
from .targets.literal import LiteralEscaper

# YAML's double-quoted scalar: \\ and \" escaped, every character that is not printable (or that YAML
# reads as a line break: NEL, LS, PS; or a byte order mark) as an escape
_BREAKS = {"\x85", "\u2028", "\u2029", "\ufeff"}
_ESCAPE = LiteralEscaper({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}, "\\x{:02x}",
                         lambda ch, code: ch if ch.isprintable() and ch not in _BREAKS
                         else (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"))
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``."""
    return '"' + _ESCAPE(text) + '"'


def yaml_key(text: str) -> str:
    """A mapping key: a plain word as it is, anything else quoted."""
    return text if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS else yaml_string(text)


_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def yaml_comment(text: str) -> str:
    """``text`` for the inside of a one-line comment: line breaks and other invisible characters
    written as escapes (a comment ends at a line break, and whatever follows would be read as YAML)."""
    return "".join(ch if ch.isprintable() and ch not in _BREAKS else repr(ch)[1:-1] for ch in text)


def starter_config(spec: Path, diags: Diagnostics, root: Path | None = None) -> str:
    """The starter config's text for ``spec`` (loaded without any config); "" when the spec is
    unusable (the errors are in ``diags``)."""
    from .diagnostics import SpecError
    from .pipeline import load_api

    try:
        loaded = load_api(spec, diags, config_path=None, find=False, root=root)
    except SpecError as exc:
        diags.items += [d for d in exc.diagnostics if d not in diags.items]
        return ""
    if diags.has_errors:
        return ""
    return _text(spec, loaded)


def _text(spec: Path, loaded: Any) -> str:
    from .surface import surfaces
    from .targets.go.views import Builder

    api, config = loaded.api, loaded.config
    contract = api.wire
    names = {s.language: s for s in surfaces(api, config, Diagnostics())}
    go_package = Builder(api, config, Diagnostics()).package_name()
    out = [
        f"# sdkforge config for {yaml_comment(spec.name)}, written by `sdkforge init`: edit it, then run",
        f"# `sdkforge generate {yaml_comment(str(spec))}`.  As written it changes nothing: every value below is",
        "# the one sdkforge derives without a config.  `sdkforge config docs` describes every key; editors",
        "# complete and check it with the JSON Schema `sdkforge config schema` prints.",
        "",
        "# The API's display name (info.title): the names below derive from it.",
        f"name: {yaml_string(config.name or api.title)}",
        "",
        "# Environment variables the clients read.",
        "env:",
    ]
    api_keys = [c for c in contract.credentials if c.key == "api_key"]
    tokens = [s for s in contract.schemes if s.kind != "basic"]
    if len(api_keys) == 1 and len(tokens) == 1:
        out.append(f"  api_key: {yaml_string(api_keys[0].env)}   # the API key")
    others = [c for c in contract.credentials if not (c.key == "api_key" and len(tokens) == 1)]
    for cred in others:
        out.append(f"  # {yaml_comment(cred.key)}: {yaml_comment(cred.env)} (derived; not configurable)")
    out += [f"  base_url: {yaml_string(contract.names.env_base_url)}   # overrides the base URL",
            f"  log: {yaml_string(contract.names.env_log)}   # turns on the request log",
            "",
            "# What each SDK is called; each target checks a name for its language.",
            "targets:"]
    python, typescript, ruby, go = (names[lang] for lang in ("python", "typescript", "ruby", "go"))
    out += ["  python:",
            f"    package: {yaml_string(python.package)}   # import name (and the PyPI name: `dist`)",
            f"    client: {yaml_string(python.client)}",
            f"    async_client: {yaml_string('Async' + python.client)}",
            "  typescript:",
            f"    package: {yaml_string(typescript.package)}",
            f"    client: {yaml_string(typescript.client)}",
            "  ruby:",
            f"    gem: {yaml_string(ruby.package)}",
            f"    module: {yaml_string(ruby.client.removesuffix('::Client'))}",
            "  go:",
            f"    module: {yaml_string(go.package)}   # set it to where the module will be published",
            f"    package: {yaml_string(go_package)}",
            ""]
    out += _pagination(api)
    out += _renames(loaded.report.names)
    return "\n".join(out) + "\n"


def _pagination(api: Any) -> list[str]:
    """The page schemes recognised in the spec, as comments: the operations each pages, and (for the
    styles a config can set) the entry that would configure it."""
    schemes = [s for s in api.page_schemes if s.detected]
    if not schemes:
        return ["# No list operation's pages were recognised in the spec; `pagination:` configures a page",
                "# scheme (see `sdkforge config docs`).",
                "detect_pagination: true", ""]
    out = ["# Page schemes recognised in the spec (detect_pagination: true).  To change one, configure it",
           "# under `pagination:` (a configured scheme wins over a recognised one):"]
    for scheme in schemes:
        ops = [op for op in api.operations if op.pagination is not None and op.pagination.scheme == scheme.name]
        listed = ", ".join(f"{op.method.upper()} {op.path}" for op in ops[:3]) + (", ..." if len(ops) > 3 else "")
        out.append(f"#   {yaml_comment(scheme.name)} ({scheme.style}): {len(ops)} operation"
                   f"{'s' if len(ops) != 1 else ''} ({yaml_comment(listed)})")
    configurable = [s for s in schemes if s.style in ("cursor", "offset", "page")]
    if configurable:
        out.append("# pagination:")
        for scheme in configurable:
            request = {"cursor": scheme.cursor_param if scheme.style == "cursor" else None,
                       "offset": scheme.cursor_param if scheme.style == "offset" else None,
                       "page": scheme.cursor_param if scheme.style == "page" else None,
                       "limit": scheme.request_limit}
            response = {"items": scheme.items, "has_more": scheme.has_more,
                        "next_cursor": scheme.next_path[0] if len(scheme.next_path) == 1 else None}
            out += [f"#   - name: {yaml_string(scheme.name)}", f"#     type: {scheme.style}"]
            for block, values in (("request", request), ("response", response)):
                given = [f"{k}: {yaml_string(v)}" for k, v in values.items() if v]
                if given:
                    out.append(f"#     {block}: {{{', '.join(yaml_comment(g) for g in given)}}}")
            if len(scheme.next_path) > 1:
                out.append(f"#     # its next cursor is at {yaml_comment('.'.join(scheme.next_path))}, deeper than "
                           "`next_cursor` reaches")
    return [*out, "detect_pagination: true", ""]


def _renames(names: list[dict[str, str]]) -> list[str]:
    """The operations the naming had to rename (two derived one name), as a commented ``layout:``
    that names each where it stands now: uncomment it and give each the name you want."""
    renamed = [n for n in names if "renamed:" in n["rule"]]
    if not renamed:
        return ["# Every operation kept the name derived from its path; `layout:` (see `sdkforge config docs`)",
                "# places and names operations your way."]
    out = [f"# {len(renamed)} operation{'s' if len(renamed) != 1 else ''} had to be renamed: two derived one name.  "
           "Uncomment and name", "# them your way (a method: `METHOD /path` or an operationId):", "# layout:"]
    tree: dict[str, Any] = {}
    for entry in renamed:
        *resource, method = entry["name"].split(".")
        node = tree
        for part in resource:
            node = node.setdefault(part, {})
        node[method] = entry
    out += _tree_lines(tree, 1)
    return out


def _tree_lines(tree: dict[str, Any], depth: int) -> list[str]:
    out = []
    for key, value in tree.items():
        pad = "# " + "  " * depth
        if "rule" in value and isinstance(value["rule"], str):
            why = value["rule"].split("renamed:", 1)[1].strip()
            out.append(f"{pad}{yaml_comment(yaml_key(key))}: {yaml_comment(yaml_string(value['operation']))}"
                       f"   # {yaml_comment(why)}")
        else:
            out += [f"{pad}{yaml_comment(yaml_key(key))}:", *_tree_lines(value, depth + 1)]
    return out
