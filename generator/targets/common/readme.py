"""What every SDK's README says that depends on the API, decided once for the four SDK targets:
the example (a real call of one of the spec's own operations, written by the docs' language for
that SDK, which names everything as the SDK does), the authentication the spec's security schemes
ask for, and which optional sections apply (pagination, streaming, uploads).

Each piece is Markdown made here, every spec and config string through the Markdown escapers
(:mod:`sdkforge.targets.docs.markup`): the templates place them as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...config import Config
from ...contract import AuthScheme, Contract, Credential, contract_of
from ...ir.model import Api, Operation

# (the docs target imports the SDK targets, which import this module: its names are imported
# where they are used)

# README language -> (docs language key, code fence info string)
_FENCE = {"python": "python", "typescript": "ts", "ruby": "ruby", "go": "go"}


@dataclass
class Readme:
    title: str  # the API's title (one line; the templates escape it)
    example_md: str  # Markdown: a sentence naming the operation and the fenced example; "" without operations
    call: str  # the example's method as the SDK spells it after the client (``files.list``), "" without one
    auth: str  # Markdown: the credentials the API takes, or that it takes none
    pagination: bool  # some operation returns pages
    streaming: bool  # some operation answers with server-sent events
    uploads: bool  # some operation sends a multipart body (files)

    @property
    def call_owner(self) -> str:
        """The resource chain of the example's method (``files``), "" for a method of the client's."""
        return self.call.rpartition(".")[0]

    @property
    def call_name(self) -> str:
        return self.call.rpartition(".")[2]


def example_operation(api: Api, contract: Contract) -> Operation | None:
    """The operation the README shows: the first (in spec order) of the simplest ones, i.e. the
    fewest required arguments, a GET before other methods, a JSON answer before a stream or bytes."""
    best: tuple[tuple[int, int, int, int], Operation] | None = None
    for index, op in enumerate(api.operations):
        wire = contract.of(op)
        required = sum(1 for p in op.parameters if p.required) + (1 if op.body is not None and op.body.required else 0)
        key = (required, 0 if op.method == "get" else 1, 0 if wire.response in ("json", "empty") else 1, index)
        if best is None or key < best[0]:
            best = (key, op)
    return best[1] if best is not None else None


def _scheme_text(scheme: AuthScheme) -> str:
    from ..docs.markup import md_code

    if scheme.kind == "bearer":
        return "a bearer token, sent as `Authorization: Bearer ...`"
    if scheme.kind == "basic":
        return "HTTP basic authentication (a username and a password)"
    return f"an API key, sent in the {md_code(scheme.wire_name)} {scheme.location}" + (
        " parameter" if scheme.location == "query" else "")


def auth_text(contract: Contract, option: Callable[[Credential], str]) -> str:
    """The README's authentication paragraph: per security scheme what it sends and, per
    credential, the client option (``option`` spells it in the SDK's language) and the environment
    variable it is read from when not given."""
    from ..docs.markup import md_code, md_text

    if not contract.schemes:
        return "The API takes no credentials: the client needs none."
    lines = [("The client takes the credentials of the API's security schemes; each is read from its "
              "environment variable when not given:"), ""]
    for scheme in contract.schemes:
        creds = ", ".join(f"{md_code(option(c))} (or {md_code(c.env)})" for c in scheme.credentials)
        lines.append(f"- {md_text(scheme.name)}: {_scheme_text(scheme)}: {creds}")
    return "\n".join(lines)


def _option_names(lang: Any) -> dict[str, str]:
    """Credential key -> the client option as the SDK spells it (the docs language knows it)."""
    if lang.key == "typescript":
        return dict(lang.sdk.credential_options)
    if lang.key == "go":
        return {c.key: f"option.{c.option}(...)" for c in lang.sdk.credentials}
    return dict(lang.credential_option)


def readme(api: Api, config: Config, language: str) -> Readme:
    """The README facts of the ``language`` SDK (python, typescript, ruby or go)."""
    from ..docs.markup import md_code, md_fence
    from ..docs.model import example_call
    from ..docs.plan import LANGUAGES

    contract = contract_of(api, config)
    ops = api.operations
    op = example_operation(api, contract)
    lang = next(cls for cls in LANGUAGES if cls.key == language)(api, config)
    options = _option_names(lang)
    example = call = ""
    if op is not None:
        call = lang.call_path(op)
        code = lang.example_request(op, example_call(api, op, contract))
        example = f"For example, {md_code(op.method.upper() + ' ' + op.path)}:\n\n{md_fence(code, _FENCE[language])}"
    return Readme(
        title=api.title,
        example_md=example,
        call=call,
        auth=auth_text(contract, lambda credential: options[credential.key]),
        pagination=any(op.pagination is not None for op in ops),
        streaming=any(contract.of(op).response == "sse" for op in ops),
        uploads=any(contract.of(op).request.kind == "multipart" for op in ops),
    )


def md_text(value: Any) -> str:
    """Plain text in a README line (the docs' Markdown escaper, for the targets' templates)."""
    from ..docs import markup

    return markup.md_text(value)


def md_code(value: Any) -> str:
    """An inline code span in a README line."""
    from ..docs import markup

    return markup.md_code(value)
