"""Plan the docs site: page views (dataclasses) for every language, and their render jobs.

Layout inside ``<out>/docs/``::

    index.html, index.md                         languages
    assets/docs.css, assets/docs.js
    <lang>/index.{md,html}                       resources, methods, models
    <lang>/resources/<r>/index.{md,html}         a resource: methods, subresources, models
    <lang>/resources/<r>/methods/<m>/index...    a method
    <lang>/resources/<r>/subresources/<c>/...    nested resources, same shape
    <lang>/models/<model>/index.{md,html}        a model (component schema)

All links are relative and point at files (``.../index.html``), so the site
works from ``file://`` and from any static host.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir import naming
from ...ir.model import Api, Operation, RefType, Resource, TypeNode
from ...render import RenderJob
from .lang import Language, Namer
from .lang_go import Go
from .lang_http import Http
from .lang_python import Python
from .lang_ruby import Ruby
from .lang_typescript import TypeScript
from .markup import html_description, md_description
from .model import DocNode, Examples, TreeBuilder, example_call, example_response

LANGUAGES: tuple[type[Language], ...] = (Python, TypeScript, Ruby, Go, Http)
FULL_SIDEBAR_MAX_OPERATIONS = 60  # bigger APIs: the sidebar expands only the current top-level resource


# ------------------------------------------------------------------ views
@dataclass
class Row:
    """A DocNode rendered for one language (all strings still raw: templates escape them)."""

    label: str
    deprecated: bool
    desc_md: str  # already-safe Markdown (markup.md_description)
    desc_html: str  # already-safe HTML (markup.html_description)
    model_desc_md: str
    model_desc_html: str
    note: str | None
    values: list[str]
    children: list[Row]
    variants: list[Row]
    anchor: str
    open: bool
    model_link: tuple[str, str, str] | None  # (name, md href, html href) when a model was not expanded


@dataclass
class Link:
    text: str
    md: str
    html: str
    current: bool = False
    code: str = ""  # a label shown in code (signature, model summary)
    depth: int = 0
    kind: str = ""  # "resource" | "method" | "model" | "heading"
    extra: str = ""  # e.g. the HTTP method


@dataclass
class Page:
    """What every page has: where it is, how to go elsewhere."""

    dir: str  # relative to docs/, e.g. "ruby/resources/uploads/methods/complete"
    sub: str  # the part after the language, e.g. "resources/uploads/methods/complete"
    title: str
    lang_key: str
    lang_label: str
    api_title: str
    assets: str  # relative path to docs/assets
    home_md: str
    home_html: str
    root_html: str
    root_md: str
    languages: list[Link]
    sidebar: list[Link]
    breadcrumbs: list[Link]


@dataclass
class MethodPage:
    page: Page
    signature: str
    http_method: str
    path: str
    deprecated: bool
    description_md: str
    description_html: str
    params: list[Row]
    returns: list[Row]
    example_title: str
    example_code: str
    example_fence: str
    response_json: str | None


@dataclass
class ResourcePage:
    page: Page
    description_md: str
    description_html: str
    methods: list[Link]
    subresources: list[Link]
    models: list[Link]


@dataclass
class ModelPage:
    page: Page
    label: str
    description_md: str
    description_html: str
    rows: list[Row]
    values: list[str]
    variants: list[Row]
    example_json: str | None


@dataclass
class IndexPage:
    page: Page
    description_md: str
    description_html: str
    resources: list[Link]  # resources and methods, flattened with depth
    models: list[Link]


# ------------------------------------------------------------------ helpers
def rel(from_dir: str, to_dir: str, filename: str) -> str:
    """A relative link from a page's folder to ``to_dir/filename`` (both relative to docs/,
    '/'-separated, no '..'); like posixpath.relpath, without touching the file system."""
    here = from_dir.split("/") if from_dir else []
    there = (to_dir.split("/") if to_dir else []) + ([filename] if filename else [])
    common = 0
    while common < len(here) and common < len(there) - (1 if filename else 0) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


_ANCHOR_BAD = re.compile(r"[^A-Za-z0-9_.-]+")


def method_title(op: Operation) -> str:
    if op.title:
        return op.title
    if op.summary:
        return op.summary
    words = naming.words(op.name) + naming.words(naming.singular(op.resource[-1]) if op.resource else "")
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else op.operation_id


@functools.cache
def _title_words(name: str) -> str:
    text = " ".join(naming.words(name))
    return text[:1].upper() + text[1:] if text else name


def resource_title(res: Resource) -> str:
    return _title_words(res.name)


@dataclass
class _ResourceInfo:
    res: Resource
    sub: str  # "resources/uploads" or "resources/uploads/subresources/parts"
    methods: dict[int, str] = field(default_factory=dict)  # id(op) -> sub of the method page
    models: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ the planner
class DocsPlanner:
    def __init__(self, api: Api, config: Config, diags: Diagnostics):
        self.api = api
        self.config = config
        self.diags = diags
        self.languages = [cls(api, config) for cls in LANGUAGES]
        self.examples = Examples(api)
        self._layout()

    # ---- language-neutral layout: folders for resources, methods, models
    def _layout(self) -> None:
        self.resources: list[_ResourceInfo] = []
        self.op_sub: dict[int, str] = {}
        self.op_resource: dict[int, _ResourceInfo] = {}
        top_namer = Namer()
        for res in self.api.resources:
            self._layout_resource(res, "resources", top_namer)
        # models: every component schema gets a page
        self.model_sub: dict[str, str] = {}
        namer = Namer()
        for name, named in self.api.types.items():
            if named.origin != "component":
                continue
            self.model_sub[name] = "models/" + namer.claim(naming.snake(name) or "model", "_")
        # assign each model to the first resource whose methods reach it
        claimed: set[str] = set()
        for info in self.resources:
            for op in info.res.operations:
                for name in self._reachable(op):
                    if name in self.model_sub and name not in claimed:
                        claimed.add(name)
                        info.models.append(name)
        self.unclaimed = [name for name in self.model_sub if name not in claimed]

    def _layout_resource(self, res: Resource, base: str, namer: Namer) -> None:
        sub = f"{base}/{namer.claim(naming.snake(res.name) or 'resource', '_')}"
        info = _ResourceInfo(res=res, sub=sub)
        self.resources.append(info)
        method_namer = Namer()
        for op in res.operations:
            msub = f"{sub}/methods/{method_namer.claim(naming.snake(op.name) or 'call', '_')}"
            info.methods[id(op)] = msub
            self.op_sub[id(op)] = msub
            self.op_resource[id(op)] = info
        child_namer = Namer()
        for child in res.children:
            self._layout_resource(child, f"{sub}/subresources", child_namer)

    def _reachable(self, op: Operation) -> list[str]:
        roots: list[TypeNode] = []
        body = op.success_body
        if body is not None:
            roots.append(body.type)
        if op.pagination is not None:
            roots.append(op.pagination.item)
        if op.body is not None:
            roots.append(op.body.primary.type)
        roots += [p.type for p in op.parameters]
        seen: list[str] = []
        stack = list(reversed(roots))
        visited: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in visited:
                continue
            visited.add(id(node))
            if isinstance(node, RefType):
                if node.name in self.api.types and node.name not in seen:
                    seen.append(node.name)
                    stack.append(self.api.types[node.name].type)
                continue
            children = list(node.children())
            stack.extend(reversed(children))
        return seen

    # ---- rows
    def _rows(self, lang: Language, nodes: list[DocNode], page_dir: str, prefix: str, depth: int,
              anchors: Namer) -> list[Row]:
        return [self._row(lang, node, page_dir, prefix, depth, anchors, index) for index, node in enumerate(nodes)]

    def _row(self, lang: Language, node: DocNode, page_dir: str, prefix: str, depth: int, anchors: Namer,
             index: int) -> Row:
        part = node.key if node.key is not None else f"variant-{index}" if node.where == "variant" else "root"
        anchor_path = f"{prefix}.{part}" if prefix else part
        anchor = anchors.claim(_ANCHOR_BAD.sub("-", anchor_path).strip("-") or "row", "-")
        link = None
        if node.truncated and node.model in self.model_sub:
            target = self.model_sub[node.model]
            lang_dir = f"{lang.key}/{target}"
            link = (lang.type_name(node.model), rel(page_dir, lang_dir, "index.md"),
                    rel(page_dir, lang_dir, "index.html"))
        return Row(
            label=lang.row_label(node),
            deprecated=node.deprecated,
            desc_md=md_description(node.description),
            desc_html=html_description(node.description),
            model_desc_md=md_description(node.model_description),
            model_desc_html=html_description(node.model_description),
            note=lang.const_note(node),
            values=[lang.value_label(v) for v in node.values],
            children=self._rows(lang, node.children, page_dir, anchor_path, depth + 1, anchors),
            variants=self._rows(lang, node.variants, page_dir, anchor_path, depth + 1, anchors),
            anchor=anchor,
            open=depth == 0,
            model_link=link,
        )

    # ---- navigation
    def _page(self, lang: Language, sub: str, title: str, current: str | None,
              crumbs: list[tuple[str, str]]) -> Page:
        page_dir = f"{lang.key}/{sub}" if sub else lang.key
        languages = [
            Link(text=other.label, md=rel(page_dir, f"{other.key}/{sub}" if sub else other.key, "index.md"),
                 html=rel(page_dir, f"{other.key}/{sub}" if sub else other.key, "index.html"),
                 current=other.key == lang.key)
            for other in self.languages
        ]
        breadcrumbs = [Link(text=text, md=rel(page_dir, f"{lang.key}/{target}" if target else lang.key, "index.md"),
                            html=rel(page_dir, f"{lang.key}/{target}" if target else lang.key, "index.html"))
                       for text, target in crumbs]
        return Page(
            dir=page_dir, sub=sub, title=title, lang_key=lang.key, lang_label=lang.label,
            api_title=self.api.title, assets=rel(page_dir, "assets", "").rstrip("/") or ".",
            home_md=rel(page_dir, lang.key, "index.md"), home_html=rel(page_dir, lang.key, "index.html"),
            root_html=rel(page_dir, "", "index.html"), root_md=rel(page_dir, "", "index.md"),
            languages=languages, sidebar=self._sidebar(lang, page_dir, current), breadcrumbs=breadcrumbs,
        )

    def _sidebar(self, lang: Language, page_dir: str, current: str | None) -> list[Link]:
        full = len(self.api.operations) <= FULL_SIDEBAR_MAX_OPERATIONS
        current_top = current.split("/")[1] if current and current.startswith("resources/") else None
        out: list[Link] = []
        for info in self.resources:
            depth = info.sub.count("/subresources/")
            top = info.sub.split("/")[1]
            if depth > 0 and not (full or top == current_top):
                continue
            out.append(self._nav(lang, page_dir, info.sub, resource_title(info.res), depth, "resource", current))
            if not (full or top == current_top):
                continue
            for op in info.res.operations:
                out.append(self._nav(lang, page_dir, info.methods[id(op)], method_title(op), depth + 1, "method",
                                     current, extra=op.method.upper()))
            if not full:
                continue  # big APIs: models are listed on the resource page, not in every sidebar
            for name in info.models:
                out.append(self._nav(lang, page_dir, self.model_sub[name], lang.type_name(name), depth + 1,
                                     "model", current))
        if self.unclaimed and full:
            out.append(Link(text="Other models", md="", html="", kind="heading"))
            for name in self.unclaimed:
                out.append(self._nav(lang, page_dir, self.model_sub[name], lang.type_name(name), 1, "model",
                                     current))
        return out

    def _nav(self, lang: Language, page_dir: str, sub: str, text: str, depth: int, kind: str,
             current: str | None, extra: str = "", code: str = "") -> Link:
        target = f"{lang.key}/{sub}"
        return Link(text=text, md=rel(page_dir, target, "index.md"), html=rel(page_dir, target, "index.html"),
                    current=sub == current, depth=depth, kind=kind, extra=extra, code=code)

    def _crumbs(self, info: _ResourceInfo) -> list[tuple[str, str]]:
        crumbs: list[tuple[str, str]] = [(self.api.title, "")]
        parts = info.sub.split("/")
        # resources/a/subresources/b -> a, a/subresources/b
        for i in range(2, len(parts) + 1, 2):
            sub = "/".join(parts[:i])
            match = next((r for r in self.resources if r.sub == sub), None)
            if match is not None:
                crumbs.append((resource_title(match.res), sub))
        return crumbs

    # ---- pages
    def method_page(self, lang: Language, op: Operation) -> MethodPage:
        sub = self.op_sub[id(op)]
        info = self.op_resource[id(op)]
        title = method_title(op)
        page = self._page(lang, sub, title, sub, self._crumbs(info))
        builder = TreeBuilder(self.api)
        anchors = Namer()
        params = self._rows(lang, builder.parameters(op), page.dir, "param", 0, anchors)
        root = builder.returns(op)
        returns = self._rows(lang, [root], page.dir, "return", 0, anchors) if root is not None else []
        call = example_call(self.api, op, self.examples)
        response = example_response(self.api, op, self.examples)
        return MethodPage(
            page=page,
            signature=lang.signature(op),
            http_method=op.method.upper(),
            path=op.path,
            deprecated=op.deprecated,
            description_md=md_description(op.description),
            description_html=html_description(op.description),
            params=params,
            returns=returns,
            example_title=title,
            example_code=lang.example_request(op, call),
            example_fence=lang.fence,
            response_json=_json(response) if response is not None else None,
        )

    def resource_page(self, lang: Language, info: _ResourceInfo) -> ResourcePage:
        page = self._page(lang, info.sub, resource_title(info.res), info.sub, self._crumbs(info)[:-1])
        methods = [self._nav(lang, page.dir, info.methods[id(op)], method_title(op), 0, "method", None,
                             extra=op.method.upper() + " " + op.path, code=lang.signature(op))
                   for op in info.res.operations]
        subs = [self._nav(lang, page.dir, child.sub, resource_title(child.res), 0, "resource", None)
                for child in self.resources if posixpath.dirname(posixpath.dirname(child.sub)) == info.sub]
        models = [self._nav(lang, page.dir, self.model_sub[name], lang.type_name(name), 0, "model", None,
                            code=self._model_label(lang, name)) for name in info.models]
        return ResourcePage(page=page, description_md=md_description(info.res.description),
                            description_html=html_description(info.res.description), methods=methods,
                            subresources=subs, models=models)

    def _model_label(self, lang: Language, name: str) -> str:
        return lang.root_label(DocNode(key=None, type=RefType(name=name), where="root"))

    def model_page(self, lang: Language, name: str) -> ModelPage:
        sub = self.model_sub[name]
        title = lang.type_name(name)
        owner = next((info for info in self.resources if name in info.models), None)
        crumbs = self._crumbs(owner) if owner else [(self.api.title, "")]
        page = self._page(lang, sub, title, sub, crumbs)
        builder = TreeBuilder(self.api)
        root = builder.model(name)
        anchors = Namer()
        label = lang.row_label(root)
        rows = self._rows(lang, root.children, page.dir, "prop", 0, anchors)
        variants = self._rows(lang, root.variants, page.dir, "variant", 0, anchors)
        example = self.examples.value(RefType(name=name), None, full=True, request=False)
        return ModelPage(page=page, label=label, description_md=md_description(root.description),
                         description_html=html_description(root.description), rows=rows,
                         values=[lang.value_label(v) for v in root.values], variants=variants,
                         example_json=_json(example))

    def index_page(self, lang: Language) -> IndexPage:
        page = self._page(lang, "", self.api.title, None, [])
        resources: list[Link] = []
        for info in self.resources:
            depth = info.sub.count("/subresources/")
            resources.append(self._nav(lang, page.dir, info.sub, resource_title(info.res), depth, "resource", None))
            for op in info.res.operations:
                resources.append(self._nav(lang, page.dir, info.methods[id(op)], method_title(op), depth + 1,
                                           "method", None, extra=op.method.upper() + " " + op.path,
                                           code=lang.signature(op)))
        models = [self._nav(lang, page.dir, self.model_sub[name], lang.type_name(name), 0, "model", None,
                            code=self._model_label(lang, name)) for name in self.model_sub]
        return IndexPage(page=page, description_md=md_description(self.api.description),
                         description_html=html_description(self.api.description), resources=resources,
                         models=models)

    def plan(self) -> list[RenderJob]:
        jobs: list[RenderJob] = []
        for lang in self.languages:
            index = self.index_page(lang)
            jobs += self._both(index.page, "index", {"v": index})
            for info in self.resources:
                view = self.resource_page(lang, info)
                jobs += self._both(view.page, "resource", {"v": view})
                for op in info.res.operations:
                    method = self.method_page(lang, op)
                    jobs += self._both(method.page, "method", {"v": method})
            for name in self.model_sub:
                model = self.model_page(lang, name)
                jobs += self._both(model.page, "model", {"v": model})
        root_links = [Link(text=lang.label, md=f"{lang.key}/index.md", html=f"{lang.key}/index.html")
                      for lang in self.languages]
        root = {"api_title": self.api.title, "description_md": md_description(self.api.description),
                "description_html": html_description(self.api.description), "languages": root_links,
                "assets": "assets"}
        jobs += [
            RenderJob(path="index.html", template="root.html.j2", context=root),
            RenderJob(path="index.md", template="root.md.j2", context=root),
            RenderJob(path="assets/docs.css", template="assets/docs.css"),
            RenderJob(path="assets/docs.js", template="assets/docs.js"),
            RenderJob(path="assets/favicon.svg", template="assets/favicon.svg"),
        ]
        return sorted(jobs, key=lambda job: job.path)

    @staticmethod
    def _both(page: Page, kind: str, context: dict[str, Any]) -> list[RenderJob]:
        return [RenderJob(path=f"{page.dir}/index.md", template=f"{kind}.md.j2", context=context),
                RenderJob(path=f"{page.dir}/index.html", template=f"{kind}.html.j2", context=context)]


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)
