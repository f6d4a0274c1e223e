"""Render jobs for the Go target."""

from __future__ import annotations

import json

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...render import RenderJob, runtime_job
from ..common.package import facts as package_facts
from ..common.readme import readme
from . import escape, names
from .types import align
from .views import Builder, PathArg, ServiceView

RUNTIME = (
    "internal/core/config.go",
    "internal/core/errors.go",
    "internal/core/encode.go",
    "internal/core/json.go",
    "internal/core/wire.go",
    "option/option.go",
    "ssestream/ssestream.go",
)


def plan(api: Api, config: Config, diags: Diagnostics) -> list[RenderJob]:
    builder = Builder(api, config, diags)
    builder.build()
    module_path = builder.module_path()
    package = builder.package_name()
    contract = builder.contract
    common = {"module_path": module_path, "package": package, "credentials": builder.credentials,
              "env_base_url": contract.names.env_base_url}
    jobs: list[RenderJob] = [
        RenderJob(path="go.mod", template="go.mod.j2", context=common),
        # the version is the changelog's (surface.apply_version sets it)
        RenderJob(path="README.md", template="README.md.j2",
                  context={**common, "meta": package_facts(api, config), "readme": readme(api, config, "go"),
                           "version": ""}),
    ]
    for path in RUNTIME:
        jobs.append(runtime_job("go", path, path, common))

    client_services = client_fields(builder)
    client_rows: list[list[str] | str] = [["Options", "[]option.RequestOption"]]
    client_rows += [[field, service.name] for field, service in client_services]
    api_doc = [f"Package {package} is a client for the {escape.comment_text(api.title)} API."]
    description = escape.doc_lines(api.description)
    if description:
        api_doc += [""] + description
    env_rows: list[list[str] | str] = [[c.const, f"= {escape.string_literal(c.env)}"] for c in builder.credentials]
    env_rows.append(["BaseURLEnv", f"= {escape.string_literal(contract.names.env_base_url)}"])
    env_rows.append(["DefaultBaseURL", f"= {escape.string_literal(contract.base_url or '')}"])
    schemes = [{"name": s.name, "kind": s.kind, "location": s.location, "wire_name": s.wire_name,
                "key_list": ", ".join(escape.string_literal(c.key) for c in s.credentials)} for s in contract.schemes]
    jobs.append(RenderJob(path="client.go", template="client.go.j2", context={
        **common,
        "api_doc": api_doc,
        "base_url": contract.base_url,
        "env_lines": align(env_rows),
        "schemes": schemes,
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


def client_fields(builder: Builder) -> list[tuple[str, ServiceView]]:
    """The client's fields: one per top-level service, never its ``Options``."""
    fields = names.client_fields([service.resource.name for service in builder.services])
    return list(zip(fields, builder.services))


def test_jobs(builder: Builder, client_services: list, common: dict) -> list[RenderJob]:
    """Per-method tests: every method called with its required arguments only and with every argument,
    the values from the language-neutral samples."""
    from ..common.samples import credential_sample, operation_samples
    from .examples import Literals, test_func_name

    creds = [f"option.{c.option}({escape.string_literal(credential_sample(c.key))})" for c in builder.credentials]
    jobs: list[RenderJob] = [RenderJob(path="client_test.go", template="client_test.go.j2",
                                       context={**common, "test_credentials": creds})]
    files = {f.services[0].name: f for f in builder.files()}
    for field_name, service in client_services:
        literals = Literals(builder.mapper)
        tests: list[dict[str, str]] = []

        def walk(s, chain: str) -> None:
            for m in s.methods:
                op = m.operation
                for suffix, only_required in (("", True), ("WithOptionalParams", False)):
                    call_args = ["context.Background()"] + call_arguments(builder, literals, m, op, only_required)
                    kind = "json" if m.kind == "page" else m.kind
                    if kind == "json" and not m.result_pointer:
                        kind = "value"
                    tests.append({
                        "name": test_func_name(builder.namer, s.base, m.name, suffix),
                        "kind": kind,
                        "call": f"{chain}.{m.name}({', '.join(call_args)})",
                    })
                    if m.autopager_name and only_required:
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
        std = {"context", "testing"} | literals.std
        if any(t["kind"] == "raw" for t in tests):
            std.add("io")
        path = files[service.name].path.removesuffix(".go") + "_test.go"
        jobs.append(RenderJob(path=path, template="resource_test.go.j2",
                              context={**common, "tests": tests, "imports_std": sorted(std)}))
    return jobs


def call_arguments(builder: Builder, literals, m, op, only_required: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """The Go arguments after the context: path arguments, then the params struct."""
    from ..common.samples import operation_samples

    samples = operation_samples(builder.api, op, only_required=only_required)
    wires = [p.name for p in op.path_params]
    args: list[str] = []
    for param, arg in zip(op.path_params, m.args):
        sample = next((a for a in samples if a.location == "path" and a.name == param.name), None)
        value = sample.value if sample is not None else param.name
        text = path_text(value, arg)
        args.append(text if text is not None else literals.value(param.type, value, arg.type))
    if not m.params:
        return args
    decl = builder.params[id(op)].decl
    parts: list[str] = []
    nulls: list[str] = []
    for sample in samples:
        if sample.location == "path" and sample.name in wires:
            continue
        if sample.location == "body" and sample.name == "":
            f = next((f for f in decl.fields if f.location == "value"), None)
        else:
            f = next((f for f in decl.fields if f.location == sample.location and f.wire == sample.name), None)
        if f is None or f.const is not None:
            continue
        if sample.value is None:
            if f.location == "body" and not f.required:
                nulls.append(f.name)
            continue
        expr = literals.field(f, sample.value)
        if expr is not None:
            parts.append(f"{f.name}: {expr}")
    null_field = next((f for f in decl.fields if f.location == "nulls"), None)
    if nulls and null_field is not None:
        parts.append(f"{null_field.name}: []string{{{', '.join(escape.string_literal(n) for n in nulls)}}}")
    return args + [f"{decl.name}{{{', '.join(parts)}}}"]


def path_text(value: object, arg: PathArg) -> str | None:
    """A path argument the method takes as a string (a string, or a union or other type it takes as
    its text): the sample's text as a Go string literal; None for any other argument."""
    if not arg.is_string or not isinstance(value, (str, int, float, bool)):
        return None
    return escape.string_literal(value if isinstance(value, str) else json.dumps(value))
