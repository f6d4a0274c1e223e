"""The API reference docs target: Markdown and static HTML pages for every
operation, resource and model, in each SDK language's notation (and HTTP/curl)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...render import RenderJob, Target
from . import markup
from .plan import DocsPlanner, Site


class DocsTarget:
    name = "docs"
    filters: ClassVar[dict[str, Callable[..., str]]] = {
        "h": markup.html_text,  # HTML text and attribute values
        "ht": markup.html_content,  # HTML element content only (quotes left as they are)
        "md": markup.md_text,  # plain text in Markdown
        "mdcode": markup.md_code,  # an inline code span
        "mdfence": markup.md_fence,  # a fenced code block
        "mdindent": markup.md_indent,  # continuation lines of a list item (already-safe Markdown)
    }

    # the docs are the biggest target: the pipeline may split them over worker processes by language
    shards = 2
    formatter = None  # pages are written as they are meant to be read

    def prepare(self, api: Api, config: Config) -> None:
        """Build what every shard shares (the pipeline calls this in the parent before it forks the
        shards' workers, which then start from it)."""
        Site.of(api, config).warm()

    def plan(self, api: Api, config: Config, diags: Diagnostics, shard: int = 0, shards: int = 1) -> list[RenderJob]:
        return DocsPlanner(api, config, diags, shard, shards).plan()


TARGET: Target = DocsTarget()
