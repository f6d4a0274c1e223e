"""The TypeScript SDK target: a zero-dependency ESM package for Node >= 18."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...render import RenderJob, Target, runtime_job
from ..common.package import facts as package_facts
from ..common.readme import md_code, md_text, readme
from ..common.views import slots
from . import escape, fmt
from .views import STATIC_RUNTIME, ChildView, CredentialView, PageView, ResourceView, TypeScriptViews


def _jsdoc(text: Any, indent: int = 0, deprecated: Any = False) -> str:
    return escape.jsdoc(text, indent, deprecated=bool(deprecated))


@dataclass(frozen=True)
class TypeScriptSdk:
    """What every TypeScript template may read about the package (a job adds its own values)."""

    api: Api
    client: str  # the client class
    options_alias: str  # `export type <Client>Options = ClientOptions;`, laid out
    package: str  # the npm name
    version: str
    base_url: str | None
    env_base_url: str  # the environment variable that overrides the base URL
    credentials: list[CredentialView]
    client_config: str  # the client's configuration object, laid out
    constructor_head: str  # the client's constructor line(s), laid out
    pages: list[PageView]
    top: list[ChildView]  # the client's top-level resources
    resources: list[ResourceView]
    type_exports: list[str]  # `export type {...} from "./resources/x.js";` lines
    page_export: str  # the pagination classes' export line


class _TypeScriptTarget:
    name = "typescript"
    filters: ClassVar[dict[str, Any]] = {
        "ts_string": escape.string_literal,
        "ts_template": escape.template_text,
        "ts_key": escape.property_key,
        "ts_doc": _jsdoc,
        "ts_comment": escape.comment_text,
        "ts_const": lambda value, name, indent: fmt.const_string(name, escape.string_literal(value), indent),
        "json_string": escape.manifest_string,
        "md_text": md_text,
        "md_code": md_code,
    }
    shards = 1
    formatter = None  # written as prettier lays it out

    def plan(self, api: Api, config: Config, diags: Diagnostics, shard: int = 0,
             shards: int = 1) -> list[RenderJob]:
        """The whole SDK (planned whole: ``shards`` is 1, so the pipeline asks for shard 0 of 1)."""
        views = TypeScriptViews(api, config, diags)
        built = views.build()
        credentials = views.credentials()
        sdk = TypeScriptSdk(
            api=api,
            client=views.client_name,
            # `export type <Client>Options = ClientOptions;`, broken as prettier breaks it for long names
            options_alias=fmt.type_alias(f"{views.client_name}Options", fmt.simple("ClientOptions")),
            package=views.package_name(),
            version=views.version(),
            base_url=views.default_base_url(),
            env_base_url=views.contract.names.env_base_url,
            credentials=credentials,
            client_config=views.client_config(),
            # the client's constructor, broken as prettier breaks it for long names
            constructor_head=fmt.method_signature(
                "constructor", [fmt.Param("options", fmt.simple(f"{views.client_name}Options"), default="{}")],
                None, 2, " {"),
            pages=built["pages"],
            top=built["top"],
            resources=built["resources"],
            type_exports=built["type_exports"],
            page_export=built["page_export"],
        )
        common = slots(sdk)
        about = slots(sdk, meta=package_facts(api, config), readme=readme(api, config, "typescript"))
        jobs = [
            RenderJob("package.json", "package.json.j2", about),
            RenderJob("tsconfig.json", "tsconfig.json.j2", common),
            RenderJob("README.md", "README.md.j2", about),
            # the README's example is the docs' (prettier's singleQuote style); the code is prettier's default
            RenderJob(".prettierrc.json",
                      content='{\n  "overrides": [{ "files": "*.md", "options": { "singleQuote": true } }]\n}\n'),
            RenderJob("src/client.ts", "src/client.ts.j2", common),
            RenderJob("src/index.ts", "src/index.ts.j2", common),
            RenderJob("src/pagination.ts", "src/pagination.ts.j2", common),
            RenderJob("src/models.ts", "src/models.ts.j2",
                      slots(sdk, models=built["models"], uploadable=built["models_uploadable"])),
            RenderJob("tests/api.test.mjs", "tests/api.test.mjs.j2", slots(sdk, cases=built["cases"])),
        ]
        for name in STATIC_RUNTIME:  # real TypeScript source, no slots
            jobs.append(runtime_job("typescript", f"src/{name}", f"src/{name}", common))
        for res in built["resources"]:
            jobs.append(RenderJob(f"src/{res.file}.ts", "src/resource.ts.j2", slots(sdk, res=res)))
        return jobs


TARGET: Target = _TypeScriptTarget()
