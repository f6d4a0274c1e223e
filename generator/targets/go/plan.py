"""Render jobs for the Go target."""

from __future__ import annotations

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...render import RenderJob
from . import escape
from .types import align
from .views import Builder, auth, default_base_url, env_names

RUNTIME = (
    "internal/core/config.go",
    "internal/core/errors.go",
    "internal/core/encode.go",
    "internal/core/json.go",
    "option/option.go",
    "ssestream/ssestream.go",
)


def plan(api: Api, config: Config, diags: Diagnostics) -> list[RenderJob]:
    builder = Builder(api, config, diags)
    builder.build()
    module_path = builder.module_path()
    package = builder.package_name()
    api_key_env, base_url_env = env_names(api, config, package)
    auth_header, auth_prefix, key_required = auth(api)
    common = {"module_path": module_path, "package": package, "api_key_env": api_key_env}
    jobs: list[RenderJob] = [RenderJob(path="go.mod", template="go.mod.j2", context=common)]
    for path in RUNTIME:
        jobs.append(RenderJob(path=path, template=path + ".j2", context=common))

    client_rows: list[list[str] | str] = [["Options", "[]option.RequestOption"]]
    client_services = []
    members = {"Options"}
    from .names import Namer, exported

    namer = Namer(members)
    for service in builder.services:
        field = namer.claim(exported(service.resource.name, "Resource"))
        client_rows.append([field, service.name])
        client_services.append((field, service))
    api_doc = [f"Package {package} is a client for the {escape.comment_text(api.title)} API."]
    description = escape.doc_lines(api.description)
    if description:
        api_doc += [""] + description
    jobs.append(RenderJob(path="client.go", template="client.go.j2", context={
        **common,
        "api_doc": api_doc,
        "base_url_env": base_url_env,
        "base_url": default_base_url(api, config),
        "auth_header": auth_header,
        "auth_prefix": auth_prefix,
        "api_key_required": key_required,
        "client_lines": align(client_rows),
        "client_services": client_services,
    }))
    std, pkg = builder.models_imports()
    jobs.append(RenderJob(path="schema_types.go", template="models.go.j2", context={
        **common, "decls": builder.mapper.order, "imports_std": std, "imports_pkg": pkg}))
    if builder.pages:
        jobs.append(RenderJob(path="pagination.go", template="pagination.go.j2", context={
            **common, "pages": list(builder.pages.values())}))
    for file in builder.files():
        jobs.append(RenderJob(path=file.path, template="resource.go.j2", context={**common, "file": file}))
    if builder.settings.get("tests", True):
        jobs.extend(test_jobs(builder, client_services, common))
    return jobs


def test_jobs(builder: Builder, client_services: list, common: dict) -> list[RenderJob]:
    """Per-method tests: every method with required params only, and with all."""
    from .examples import Examples, test_func_name

    jobs: list[RenderJob] = [RenderJob(path="client_test.go", template="client_test.go.j2", context=common)]
    files = {f.services[0].name: f for f in builder.files()}
    for field_name, service in client_services:
        examples = Examples(builder.mapper)
        tests: list[dict[str, str]] = []

        def walk(s, chain: str) -> None:
            for m in s.methods:
                op = m.operation
                args = [examples.path_value(p, a.type) for p, a in zip(op.path_params, m.args)]
                variants = [("", False)]
                if m.params:
                    params = builder.params[id(op)].decl
                    if any(not f.required for f in params.fields):
                        variants.append(("WithOptionalParams", True))
                for suffix, full in variants:
                    call_args = ["context.Background()"] + args
                    if m.params:
                        call_args.append(examples.struct_literal(builder.params[id(op)].decl, full))
                    kind = m.kind
                    name = m.name
                    if kind == "page":
                        kind = "json"
                    tests.append({
                        "name": test_func_name(builder.namer, s.base, m.name, suffix),
                        "kind": kind,
                        "call": f"{chain}.{name}({', '.join(call_args)})",
                    })
                    if m.autopager_name and not full:
                        tests.append({
                            "name": test_func_name(builder.namer, s.base, m.autopager_name),
                            "kind": "autopager",
                            "call": f"{chain}.{m.autopager_name}({', '.join(call_args)})",
                        })
            for child_field, child in s.children:
                walk(child, f"{chain}.{child_field}")

        walk(service, field_name)
        if not tests:
            continue
        std = {"context", "testing"} | examples.imports.std
        path = files[service.name].path.removesuffix(".go") + "_test.go"
        jobs.append(RenderJob(path=path, template="resource_test.go.j2",
                              context={**common, "tests": tests, "imports_std": sorted(std)}))
    return jobs
