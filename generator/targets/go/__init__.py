"""The Go SDK target: ``<out>/go/`` is a Go module (standard library only)."""

from __future__ import annotations

from typing import Any, Callable

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...render import RenderJob, Target
from ..common import readme
from . import escape
from .plan import plan


class GoTarget:
    name = "go"
    filters: dict[str, Callable[..., Any]] = {
        "go_string": escape.string_literal,
        "go_comment": escape.comment_text,
        "go_doc": escape.doc_comment,
        "go_mod_path": escape.module_path,
        "md_text": readme.md_text,
        "md_code": readme.md_code,
    }
    shards = 1
    formatter = None  # written gofmt-formatted

    def plan(self, api: Api, config: Config, diags: Diagnostics, shard: int = 0,
             shards: int = 1) -> list[RenderJob]:
        """The whole SDK (planned whole: ``shards`` is 1, so the pipeline asks for shard 0 of 1)."""
        return plan(api, config, diags)


TARGET: Target = GoTarget()
