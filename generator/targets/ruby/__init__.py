"""The Ruby SDK target: a gem in the shape of the official OpenAI Ruby SDK
(``Client.new(api_key:)``, ``client.uploads.complete(id, part_ids: [...])``,
models under ``<Mod>::Models``, errors under ``<Mod>::Errors``), with RBS
signatures and generated minitest tests.  The runtime (HTTP, retries, SSE,
pagination, multipart, model base class) is written once as templates under
``templates/ruby/lib/internal``; it uses the standard library only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...render import Formatter, RenderJob, Target
from ..common.package import facts as package_facts
from ..common.readme import readme
from ..common.views import slots
from . import escape
from .types import TypeMap
from .views import ResourceBuilder, Settings, model_files, page_views, settings_for

RUNTIME = ("util", "type", "wire", "base_client", "stream", "base_page", "resource")


def _md_text(value: Any) -> str:
    text = " ".join(escape._CONTROL.sub(" ", str(value)).split())
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+!|" else ch for ch in text)


@dataclass(frozen=True)
class RubySdk:
    """What every Ruby template may read about the gem (a job adds its own values)."""

    mod: str  # the gem's top-level module
    gem: str  # the gem's name (its require path)
    s: Settings  # the rest of the configured names


@dataclass
class RubyTarget:
    name: str = "ruby"
    filters: dict[str, Callable[..., Any]] = field(default_factory=lambda: {
        "rb_str": escape.string_literal,
        "rb_manifest": escape.manifest_string,
        "rb_sym": escape.symbol_literal,
        "rb_lit": escape.literal,
        "rb_doc_lines": escape.doc_lines,
        "rb_comment": escape.comment,
        "md_text": _md_text,
        "rstrip": lambda text: str(text).rstrip(),
    })
    shards: int = 1
    formatter: Callable[[], Formatter] | None = None  # written formatted

    def plan(self, api: Api, config: Config, diags: Diagnostics, shard: int = 0,
             shards: int = 1) -> list[RenderJob]:
        """The whole SDK (planned whole: ``shards`` is 1, so the pipeline asks for shard 0 of 1)."""
        s = settings_for(api, config, diags)
        mod, gem = s.mod, s.gem
        tm = TypeMap(api, mod)
        pages = page_views(api, mod, gem)
        page_classes = {scheme.name: page.qualified for scheme, page in zip(api.page_schemes, pages)}
        models = model_files(tm, gem)
        resources = ResourceBuilder(api, config, tm, s, page_classes).build()
        roots = [f.root for f in resources]
        sdk = RubySdk(mod=mod, gem=gem, s=s)
        base = slots(sdk)
        about = slots(sdk, meta=package_facts(api, config), readme=readme(api, config, "ruby"))
        jobs: list[RenderJob] = [
            RenderJob(path=f"{gem}.gemspec", template="gemspec.j2", context=about),
            RenderJob(path="README.md", template="README.md.j2", context=about),
            RenderJob(path=f"lib/{gem}/version.rb", template="lib/version.rb.j2", context=base),
            RenderJob(path=f"lib/{gem}/errors.rb", template="lib/errors.rb.j2", context=base),
        ]
        for name in RUNTIME:
            jobs.append(RenderJob(path=f"lib/{gem}/internal/{name}.rb", template=f"lib/internal/{name}.rb.j2",
                                  context=base))
        for page in pages:
            jobs.append(RenderJob(path=page.path, template="lib/internal/page.rb.j2", context=slots(sdk, page=page)))
        for mf in models:
            jobs.append(RenderJob(path=mf.path, template="lib/model.rb.j2", context=slots(sdk, root=mf.root)))
            jobs.append(RenderJob(path=mf.sig_path, template="sig/model.rbs.j2", context=slots(sdk, root=mf.root)))
        for rf in resources:
            jobs.append(RenderJob(path=rf.path, template="lib/resource_file.rb.j2", context=slots(sdk, root=rf.root)))
            jobs.append(RenderJob(path=rf.sig_path, template="sig/resource_file.rbs.j2",
                                  context=slots(sdk, root=rf.root)))
            depth = rf.test_path.count("/") - 1
            jobs.append(RenderJob(path=rf.test_path, template="test/resource_test.rb.j2",
                                  context=slots(sdk, root=rf.root, helper_path="../" * depth + "test_helper")))
        jobs.append(RenderJob(path=f"lib/{gem}/client.rb", template="lib/client.rb.j2",
                              context=slots(sdk, resources=roots)))
        jobs.append(RenderJob(path=f"sig/{gem}/client.rbs", template="sig/client.rbs.j2",
                              context=slots(sdk, resources=roots)))
        jobs.append(RenderJob(path=f"sig/{gem}/runtime.rbs", template="sig/runtime.rbs.j2",
                              context=slots(sdk, pages=pages)))
        jobs.append(RenderJob(path="test/test_helper.rb", template="test/test_helper.rb.j2", context=base))
        requires = [f"{gem}/version", f"{gem}/errors"] + [f"{gem}/internal/{n}" for n in RUNTIME]
        requires += [p.require for p in pages]
        requires += [m.require for m in models]
        requires += [r.require for r in resources]
        requires.append(f"{gem}/client")
        jobs.append(RenderJob(path=f"lib/{gem}.rb", template="lib/entry.rb.j2", context=slots(sdk, requires=requires)))
        return jobs


TARGET: Target = RubyTarget()
