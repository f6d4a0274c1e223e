"""The sdkforge settings file (``<spec stem>.sdkforge.yaml``).

Everything is optional: without a file, names are derived from ``info.title``.
Unknown keys are reported as warnings so that typos do not pass silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics, Location, SpecError
from .openapi.load import Document, load_file


@dataclass
class PageScheme:
    name: str
    style: str = "cursor"  # cursor | offset | page
    request_cursor: str | None = None
    request_limit: str | None = None
    items: str = "data"
    has_more: str | None = None
    next_cursor: str | None = None


@dataclass
class ResourceOverride:
    # operationId -> method name
    methods: dict[str, str] = field(default_factory=dict)


@dataclass
class Config:
    name: str | None = None
    env_api_key: str | None = None
    env_base_url: str | None = None
    env_log: str | None = None
    base_url: str | None = None
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    pagination: list[PageScheme] = field(default_factory=list)
    # operationId -> (resource path, method name)
    operation_names: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    allow_remote_refs: bool = False
    allow_refs_outside_root: bool = False  # deprecated: `root` says which folder references may reach
    root: Path | None = None  # the folder references may reach (resolved), see generator/openapi/root.py
    source: Document | None = None

    def target(self, name: str) -> dict[str, Any]:
        return self.targets.get(name, {}) or {}


_TOP_KEYS = {"name", "env", "base_url", "targets", "pagination", "resources", "allow_remote_refs",
             "allow_refs_outside_root", "root"}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def find_config(spec_path: Path) -> Path | None:
    candidate = spec_path.with_name(spec_path.name.split(".")[0] + ".sdkforge.yaml")
    return candidate if candidate.is_file() else None


def load_config(path: Path | None, diags: Diagnostics) -> Config:
    if path is None:
        return Config()
    doc = load_file(path)
    diags.register(doc.display, doc)
    data = doc.data
    root = Location(doc.display)
    if data is None:
        return Config(source=doc)
    if not isinstance(data, dict):
        diags.error("the sdkforge config must be a mapping", root)
        raise SpecError(diags.errors())
    cfg = Config(source=doc)
    for key in data:
        if key not in _TOP_KEYS:
            diags.warning(f"unknown config key {key!r} (ignored)", root.child(key))

    def string(value: Any, loc: Location) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            diags.error("expected a string", loc)
            return None
        return value

    cfg.name = string(data.get("name"), root.child("name"))
    env = data.get("env") or {}
    if not isinstance(env, dict):
        diags.error("`env` must be a mapping", root.child("env"))
        env = {}
    for key in ("api_key", "base_url", "log"):
        value = string(env.get(key), root.child("env", key))
        if value is not None and not _IDENT.match(value):
            diags.error(f"environment variable name {value!r} is not a valid identifier", root.child("env", key))
            value = None
        setattr(cfg, f"env_{key}", value)
    cfg.base_url = string(data.get("base_url"), root.child("base_url"))
    targets = data.get("targets") or {}
    if not isinstance(targets, dict):
        diags.error("`targets` must be a mapping", root.child("targets"))
        targets = {}
    for name, settings in targets.items():
        if settings is not None and not isinstance(settings, dict):
            diags.error("target settings must be a mapping", root.child("targets", name))
            continue
        cfg.targets[name] = dict(settings or {})
    pages = data.get("pagination") or []
    if not isinstance(pages, list):
        diags.error("`pagination` must be a list", root.child("pagination"))
        pages = []
    for index, entry in enumerate(pages):
        loc = root.child("pagination", index)
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            diags.error("each pagination scheme needs a `name`", loc)
            continue
        request = entry.get("request") or {}
        response = entry.get("response") or {}
        if not isinstance(request, dict) or not isinstance(response, dict):
            diags.error("`request` and `response` must be mappings", loc)
            continue
        style = entry.get("type", "cursor")
        if style not in ("cursor", "offset", "page"):
            diags.error(f"unknown pagination type {style!r} (cursor, offset or page)", loc.child("type"))
            continue
        cfg.pagination.append(
            PageScheme(
                name=entry["name"],
                style=style,
                request_cursor=request.get("cursor") or request.get("offset") or request.get("page"),
                request_limit=request.get("limit"),
                items=response.get("items", "data"),
                has_more=response.get("has_more"),
                next_cursor=response.get("next_cursor"),
            )
        )
    resources = data.get("resources") or {}
    if not isinstance(resources, dict):
        diags.error("`resources` must be a mapping", root.child("resources"))
        resources = {}
    for res_name, res in resources.items():
        loc = root.child("resources", res_name)
        if not isinstance(res, dict):
            diags.error("a resource override must be a mapping", loc)
            continue
        path = tuple(part for part in str(res_name).split(".") if part)
        for op_id, method in (res.get("methods") or {}).items():
            if not isinstance(method, str) or not _IDENT.match(method):
                diags.error(f"method name {method!r} must be an identifier", loc.child("methods", op_id))
                continue
            cfg.operation_names[str(op_id)] = (path, method)
    cfg.allow_remote_refs = bool(data.get("allow_remote_refs", False))
    cfg.allow_refs_outside_root = bool(data.get("allow_refs_outside_root", False))
    if cfg.allow_refs_outside_root:
        diags.warning("`allow_refs_outside_root` is deprecated: it lifts every limit on the files a $ref may "
                      "read; set `root: DIR` (or pass --root DIR) to the folder that holds the referenced files",
                      root.child("allow_refs_outside_root"))
    folder = string(data.get("root"), root.child("root"))
    if folder is not None:
        cfg.root = _folder(doc.path.parent / folder, root.child("root"), diags)
    if diags.has_errors:
        raise SpecError(diags.errors())
    return cfg


def _folder(path: Path, loc: Location, diags: Diagnostics) -> Path | None:
    """``path`` resolved, when it is a folder; an error at ``loc`` otherwise."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        resolved = None
    if resolved is None or not resolved.is_dir():
        diags.error(f"`root`: {str(path)!r} is not a folder", loc)
        return None
    return resolved
