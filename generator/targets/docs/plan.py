"""Plan the docs site: page views (dataclasses) for every language, and their render jobs.

Layout inside ``<out>/docs/``::

    index.html, index.md                         languages
    assets/docs.css, assets/docs.js
    <lang>/index.{md,html}                       resources, methods, models
    <lang>/resources/<r>.{md,html}               a resource: methods, subresources, models
    <lang>/resources/<r>/methods/<m>.{md,html}   a method
    <lang>/resources/<r>/subresources/<c>...     nested resources, same shape
    <lang>/models/<model>.{md,html}              a model (component schema)

A page is a file, not a folder with an index: Markdown reads as ``models/upload.md`` on
a code host, and a big API's site is half as many file-system entries (the OpenAI
spec's 9k pages made 10k folders).  All links are relative and point at files, so
the site works from ``file://`` and from any static host.
"""

from __future__ import annotations

import functools
import json
import math
import posixpath
from dataclasses import dataclass, field
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from ...config import Config
from ...contract import AuthScheme, contract_of
from ...diagnostics import Diagnostics
from ...ir import naming
from ...ir.model import Api, Operation, RefType, Resource, TypeNode
from ...render import RenderJob
from ..common.files import short_stem
from .chrome import HTML_FOOT, Chrome, page_path
from .fragments import TREE_TOOLS, Fragments, Neutral, place
from .lang import Language, Namer
from .lang_go import Go
from .lang_http import Http
from .lang_python import Python
from .lang_ruby import Ruby
from .lang_typescript import TypeScript
from .links import link_base
from .markup import html_description, js_data, md_description, summary_text
from .model import (
    Body,
    DocNode,
    ExampleCall,
    ResponseExamples,
    TreeBuilder,
    example_call,
    example_response,
)

LANGUAGES: tuple[type[Language], ...] = (Python, TypeScript, Ruby, Go, Http)
FULL_SIDEBAR_MAX_OPERATIONS = 60  # bigger APIs: the sidebar expands only the current top-level resource


# ------------------------------------------------------------------ views
# Links are relative: ``up`` climbs from a page's folder to docs/, ``lang_up`` to its
# language's folder.  The parameter/return trees and the sidebar are pasted in from
# fragments rendered once per language (see fragments.py); the properties below fill
# in the page's own parts when the page is rendered, so no page's strings outlive it.


@dataclass(eq=False)
class Link:
    text: str
    md: str
    html: str
    current: bool = False
    code: str = ""  # a label shown in code (signature, model summary)
    depth: int = 0
    kind: str = ""  # "resource" | "method" | "model" | "heading"
    extra: str = ""  # e.g. the HTTP method


def _stem(name: str, fallback: str) -> str:
    """A page's file name stem for a spec name (short enough for any file system)."""
    return short_stem(naming.snake(name) or fallback)


@dataclass(eq=False)
class Page:
    """What every page has: where it is, how to go elsewhere.  Links are built when the page
    is rendered (properties), from data shared by many pages."""

    sub: str  # the part after the language, e.g. "resources/uploads/methods/complete"
    title: str
    lang_key: str
    lang_label: str
    api_title: str
    up: str  # "../../" from the folder this page is in to docs/
    lang_up: str  # from this page's folder to docs/<lang>/
    langs: list[tuple[str, str]]  # (label, key) of every language
    crumbs: list[tuple[str, str]]  # (text, sub) of the enclosing pages
    current: str  # the page's own entry in the sidebar (its sub; "" for the language index)
    chrome: Chrome  # the language's chrome pieces
    depth: int  # folders between docs/ and the page's file
    # [page, languages, breadcrumbs] of the page rendered last, shared by the pages of a plan: a
    # page's HTML and Markdown files are rendered one after the other and show the same links
    last: list[Any] = field(default_factory=lambda: [None, None, None])

    @property
    def file(self) -> str:
        """Relative to docs/, without the extension, e.g. "ruby/resources/uploads/methods/complete"."""
        return f"{self.lang_key}/{page_path(self.sub)}"

    @property
    def assets(self) -> str:
        return f"{self.up}assets"

    @property
    def home_md(self) -> str:
        return f"{self.lang_up}index.md"

    @property
    def home_html(self) -> str:
        return f"{self.lang_up}index.html"

    @property
    def root_md(self) -> str:
        return f"{self.up}index.md"

    @property
    def root_html(self) -> str:
        return f"{self.up}index.html"

    # the chrome the layouts paste (chrome.py); the link lists below are for custom layouts
    @property
    def html_head(self) -> str:
        return self.chrome.html_head(self, self.depth)

    html_foot = HTML_FOOT

    @property
    def md_head(self) -> str:
        return self.chrome.md_head(self, self.depth)

    @property
    def md_foot(self) -> str:
        return self.chrome.md_foot(self, self.depth)

    @property
    def languages(self) -> list[Link]:
        last = self.last
        return last[1] if last[0] is self else self._links()[0]

    @property
    def breadcrumbs(self) -> list[Link]:
        last = self.last
        return last[2] if last[0] is self else self._links()[1]

    def _links(self) -> tuple[list[Link], list[Link]]:
        tail = page_path(self.sub)
        languages = [Link(text=label, md=f"{self.up}{key}/{tail}.md", html=f"{self.up}{key}/{tail}.html",
                          current=key == self.lang_key) for label, key in self.langs]
        up = self.lang_up
        crumbs = [Link(text=text, md=f"{up}{page_path(target)}.md", html=f"{up}{page_path(target)}.html")
                  for text, target in self.crumbs]
        self.last[:] = (self, languages, crumbs)
        return languages, crumbs


@dataclass(eq=False)
class MethodPage:
    page: Page
    signature: str
    aliases: list[str]  # how the operation's other names are called (the config's layout)
    http_method: str
    path: str
    deprecated: bool
    description_md: str
    description_html: str
    params: list[DocNode]
    returns: list[DocNode]
    example_title: str
    example_code: str
    example_fence: str
    response_json: str | None
    frags: Fragments
    tools = TREE_TOOLS  # a tree section's Expand/Collapse buttons

    @property
    def params_html(self) -> str:
        return place(self.frags.html(self.params, True), "param", self.page.lang_up)

    @property
    def params_md(self) -> str:
        return place(self.frags.md(self.params), "", self.page.lang_up)

    @property
    def returns_html(self) -> str:
        return place(self.frags.html(self.returns, True), "return", self.page.lang_up)

    @property
    def returns_md(self) -> str:
        return place(self.frags.md(self.returns), "", self.page.lang_up)


@dataclass(eq=False)
class ResourcePage:
    page: Page
    description_md: str
    description_html: str
    methods: list[Link]
    subresources: list[Link]
    models: list[Link]


@dataclass(eq=False)
class ModelPage:
    page: Page
    label: str
    description_md: str
    description_html: str
    body: Body  # the model's properties or variants
    values: list[str]
    example_json: str | None
    frags: Fragments
    tools = TREE_TOOLS

    @property
    def rows(self) -> list[DocNode]:
        return self.body.children

    @property
    def variants(self) -> list[DocNode]:
        return self.body.variants

    @property
    def rows_html(self) -> str:
        return place(self.frags.html_body(self.body, False, True), "prop", self.page.lang_up)

    @property
    def rows_md(self) -> str:
        return place(self.frags.md_body(self.body, False), "", self.page.lang_up)

    @property
    def variants_html(self) -> str:
        return place(self.frags.html_body(self.body, True, True), "variant", self.page.lang_up)

    @property
    def variants_md(self) -> str:
        return place(self.frags.md_body(self.body, True), "", self.page.lang_up)


@dataclass(eq=False)
class AuthView:
    """One security scheme of the wire contract, as the index page shows it."""

    name: str  # the spec's scheme name
    summary: str  # how it is sent, in words
    credentials: list[tuple[str, str]]  # (credential, the environment variable the SDKs read it from)
    description_md: str
    description_html: str


@dataclass(eq=False)
class IndexPage:
    page: Page
    description_md: str
    description_html: str
    resources: list[Link]  # resources (extra: how many methods) and methods, flattened with depth
    models: list[Link]
    base_url: str | None  # None: the API gives none (the clients are given one)
    base_url_env: str  # the environment variable the SDKs read another base URL from
    auth: list[AuthView]


def auth_summary(scheme: AuthScheme) -> str:
    """How a scheme's credential goes on the wire, in words."""
    if scheme.kind == "bearer":
        return f"a bearer token in the {scheme.wire_name} header"
    if scheme.kind == "basic":
        return f"HTTP basic authentication (a user name and a password) in the {scheme.wire_name} header"
    where = {"header": "header", "query": "query parameter", "cookie": "cookie"}[scheme.location]
    return f"an API key in the {scheme.wire_name} {where}"


def count_text(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


# ------------------------------------------------------------------ helpers
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
def shard_languages(shard: int, shards: int) -> tuple[type[Language], ...]:
    """The languages one of ``shards`` worker processes documents (round robin: with two shards,
    Python, Ruby and HTTP in one, TypeScript and Go, whose names need their SDK's view build, in the other)."""
    return tuple(cls for i, cls in enumerate(LANGUAGES) if i % shards == shard)


# an operation's example call, example response (JSON), parameter and return trees
OpFacts = tuple[ExampleCall, str | None, list[DocNode], list[DocNode]]
Facts = tuple[dict[int, OpFacts], dict[str, tuple[DocNode, str]]]  # (by id(operation), by model name)


class Site:
    """What every language's pages share: the layout (folders of resources, methods and models), the
    parameter/return trees, example calls and values, and the rows' descriptions.  Built once per API
    (:meth:`of`): with shards, the parent process builds it before it forks the workers
    (:meth:`DocsTarget.prepare`), so each shard starts from it instead of building it again."""

    _last: tuple[Api, Config, Site] | None = None  # the site of the API planned last (per process)

    @classmethod
    def of(cls, api: Api, config: Config) -> Site:
        last = cls._last
        if last is None or last[0] is not api or last[1] is not config:
            last = Site._last = (api, config, Site(api, config))
        return last[2]

    def __init__(self, api: Api, config: Config) -> None:
        self.api = api
        self.config = config
        self.contract = contract_of(api, config)
        self.examples = ResponseExamples(api)
        self._layout()
        self.trees = TreeBuilder(api, frozenset(self.model_sub))
        self.link_base = link_base(config.docs_link_base, [server.url for server in api.servers])
        self.neutral = Neutral(self.link_base)
        self._facts: Facts | None = None

    def facts(self) -> Facts:
        """Language-neutral facts, computed once: per operation (by id) its example call, example
        response, parameter and return trees; per model its tree and example."""
        if self._facts is None:
            ops: dict[int, OpFacts] = {}
            for info in self.resources:
                for op in info.res.operations:
                    response = example_response(self.api, op, self.examples)
                    returned = self.trees.returns(op)
                    ops[id(op)] = (example_call(self.api, op, self.contract),
                                   _json(response) if response is not None else None,
                                   self.trees.parameters(op), [returned] if returned is not None else [])
            models = {name: (self.trees.model(name), _json(self.examples.value(RefType(name=name), None)))
                      for name in self.model_sub}
            self._facts = (ops, models)
        return self._facts

    def warm(self) -> None:
        """Everything the pages of every language share, computed now: the facts, each tree row's
        anchor segment and descriptions, and the pages' descriptions (memoised in markup)."""
        ops, models = self.facts()
        seen: set[int] = set()
        lists = [tree for _, _, params, returns in ops.values() for tree in (params, returns)]
        for root, _ in models.values():
            lists += [root.body.children, root.body.variants]
        neutral = self.neutral
        while lists:
            rows = lists.pop()
            if id(rows) in seen:
                continue
            seen.add(id(rows))
            neutral.parts(rows)
            for row in rows:
                neutral.row(row)
                lists += [row.body.children, row.body.variants]
        texts = [self.api.description] + [scheme.description for scheme in self.contract.schemes]
        summaries = []  # the search index's
        for info in self.resources:
            texts.append(info.res.description)
            texts += [op.description for op in info.res.operations]
            summaries += [info.res.description] + [op.description or op.summary for op in info.res.operations]
        texts += [root.description for root, _ in models.values()]
        summaries += [self.api.types[name].type.description for name in self.model_sub]
        for text in texts:
            self.html_desc(text)
        for text in summaries:
            self._summary(text)

    # ---- language-neutral layout: folders for resources, methods, models
    def _layout(self) -> None:
        self.resources: list[_ResourceInfo] = []
        self.op_sub: dict[int, str] = {}
        self.op_resource: dict[int, _ResourceInfo] = {}
        top_namer = Namer()
        for res in self.api.resources:
            self._layout_resource(res, "resources", top_namer)
        self.by_sub = {info.sub: info for info in self.resources}
        self.parent_sub: dict[str, str] = {}  # resources/a/subresources/b -> resources/a
        self.child_infos: dict[str, list[_ResourceInfo]] = {}
        for info in self.resources:
            parent = posixpath.dirname(posixpath.dirname(info.sub))
            if parent in self.by_sub:
                self.parent_sub[info.sub] = parent
                self.child_infos.setdefault(parent, []).append(info)
        self.full_sidebar = len(self.api.operations) <= FULL_SIDEBAR_MAX_OPERATIONS
        self.crumbs = {info.sub: self._crumbs(info) for info in self.resources}
        # models: every component schema gets a page
        self.model_sub: dict[str, str] = {}
        namer = Namer()
        for name, named in self.api.types.items():
            if named.origin != "component":
                continue
            self.model_sub[name] = "models/" + namer.claim(_stem(name, "model"), "_")
        # assign each model to the first resource whose methods reach it
        self.model_owner: dict[str, _ResourceInfo] = {}
        for info in self.resources:
            for op in info.res.operations:
                for name in self._reachable(op):
                    if name in self.model_sub and name not in self.model_owner:
                        self.model_owner[name] = info
                        info.models.append(name)
        self.unclaimed = [name for name in self.model_sub if name not in self.model_owner]

    def _layout_resource(self, res: Resource, base: str, namer: Namer) -> None:
        sub = f"{base}/{namer.claim(_stem(res.name, 'resource'), '_')}"
        info = _ResourceInfo(res=res, sub=sub)
        self.resources.append(info)
        method_namer = Namer()
        for op in res.operations:
            msub = f"{sub}/methods/{method_namer.claim(_stem(op.name, 'call'), '_')}"
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

    def html_desc(self, text: str | None) -> str:
        return html_description(text, self.link_base)

    @staticmethod
    def _summary(text: str | None) -> str:
        return summary_text(text) if text else ""

    def md_desc(self, text: str | None) -> str:
        return md_description(text, self.link_base)

    def _crumbs(self, info: _ResourceInfo) -> list[tuple[str, str]]:
        crumbs: list[tuple[str, str]] = [(self.api.title, "")]
        parts = info.sub.split("/")
        # resources/a/subresources/b -> a, a/subresources/b
        for i in range(2, len(parts) + 1, 2):
            sub = "/".join(parts[:i])
            match = self.by_sub.get(sub)
            if match is not None:
                crumbs.append((resource_title(match.res), sub))
        return crumbs


class DocsPlanner(Site):
    """One shard's pages: the :class:`Site` (shared, not copied) and its languages."""

    def __init__(self, api: Api, config: Config, diags: Diagnostics, shard: int = 0, shards: int = 1):
        self.site = Site.of(api, config)
        vars(self).update(vars(self.site))  # the site's parts as the planner's own (the same objects)
        self.diags = diags
        # with shards, this process documents some languages (the first shard also the root pages and
        # assets); the language switcher still lists every language
        self.root_pages = shard == 0
        self.languages = [cls(api, config) for cls in shard_languages(shard, shards)]
        self.langs = [(cls.label, cls.key) for cls in LANGUAGES]
        active: list[Fragments] = []
        self.frags = {lang.key: Fragments(lang, self.model_sub, active, self.neutral) for lang in self.languages}
        active.append(self.frags[self.languages[0].key])
        self._signatures: dict[tuple[str, int], str] = {}
        self._last_page: list[Any] = [None, None, None]  # see Page.last
        self._model_labels: dict[tuple[str, str], str] = {}
        self.chrome = {lang.key: Chrome(api.title, lang.key, lang.label, self.langs) for lang in self.languages}

    # ---- cached per language
    def _signature(self, lang: Language, op: Operation) -> str:
        key = (lang.key, id(op))
        text = self._signatures.get(key)
        if text is None:
            text = self._signatures[key] = lang.signature(op)
        return text

    def _model_label(self, lang: Language, name: str) -> str:
        key = (lang.key, name)
        text = self._model_labels.get(key)
        if text is None:
            text = self._model_labels[key] = lang.root_label(DocNode(key=None, type=RefType(name=name),
                                                                     where="root"))
        return text

    # ---- navigation
    def _page(self, lang: Language, sub: str, title: str, crumbs: list[tuple[str, str]]) -> Page:
        depth = page_path(sub).count("/") + 1  # folders between docs/ and the page's file
        return Page(sub=sub, title=title, lang_key=lang.key, lang_label=lang.label,
                    api_title=self.api.title, up="../" * depth, lang_up="../" * (depth - 1), langs=self.langs,
                    crumbs=crumbs, current=sub, chrome=self.chrome[lang.key], depth=depth, last=self._last_page)

    def nav_script(self, lang: Language) -> str:
        """``<lang>/nav.js``: the sidebar of every page of one language, written once instead of
        into each page.  ``assets/docs.js`` loads it and builds the sidebar: small APIs list
        everything; big ones list the top-level resources and open the path to the page's
        resource (its ancestors' subresources and its methods).  Items are
        ``[kind, depth, sub, text, http method]``; every spec string goes through
        :func:`markup.js_data` (a JSON literal, shown with ``textContent``)."""
        full = self.full_sidebar
        items: list[list[Any]] = []
        for info in self.resources:
            depth = info.sub.count("/subresources/")
            items.append(["resource", depth, info.sub, resource_title(info.res), ""])
            for op in info.res.operations:
                items.append(["method", depth + 1, info.methods[id(op)], method_title(op), op.method.upper()])
            if full:  # big APIs: models are listed on the resource pages, not in the sidebar
                items += [["model", depth + 1, self.model_sub[name], lang.type_name(name), ""]
                          for name in info.models]
        if self.unclaimed and full:
            items.append(["heading", 0, "", "Other models", ""])
            items += [["model", 1, self.model_sub[name], lang.type_name(name), ""] for name in self.unclaimed]
        return f"sdkforgeNav({js_data({'full': full, 'items': items})});\n"

    def search_script(self, lang: Language) -> str:
        """``<lang>/search.js``: the search index of one language, written once and loaded by
        ``assets/docs.js`` when the search box is first used.  Items are
        ``[kind, title, sub, resource, where, summary]`` (``where``: a method's HTTP method and path);
        spec strings as in :meth:`nav_script`."""
        items: list[list[Any]] = []
        for info in self.resources:
            title = resource_title(info.res)
            items.append(["resource", title, info.sub, "", "", self._summary(info.res.description)])
            for op in info.res.operations:
                items.append(["method", method_title(op), info.methods[id(op)], title,
                              f"{op.method.upper()} {op.path}", self._summary(op.description or op.summary)])
        for name, sub in self.model_sub.items():
            owner = self.model_owner.get(name)
            items.append(["model", lang.type_name(name), sub, resource_title(owner.res) if owner else "", "",
                          self._summary(self.api.types[name].type.description)])
        return f"sdkforgeSearch({js_data({'items': items})});\n"

    @staticmethod
    def _nav(page: Page, sub: str, text: str, depth: int, kind: str, extra: str = "", code: str = "") -> Link:
        return Link(text=text, md=f"{page.lang_up}{sub}.md", html=f"{page.lang_up}{sub}.html",
                    depth=depth, kind=kind, extra=extra, code=code)

    # ---- pages
    def method_page(self, lang: Language, op: Operation, call: ExampleCall, response_json: str | None,
                    params: list[DocNode], returns: list[DocNode]) -> MethodPage:
        sub = self.op_sub[id(op)]
        info = self.op_resource[id(op)]
        page = self._page(lang, sub, method_title(op), self.crumbs[info.sub])
        return MethodPage(
            page=page,
            signature=self._signature(lang, op),
            aliases=lang.alias_paths(op),
            http_method=op.method.upper(),
            path=op.path,
            deprecated=op.deprecated,
            description_md=self.md_desc(op.description),
            description_html=self.html_desc(op.description),
            params=params,
            returns=returns,
            example_title=method_title(op),
            example_code=lang.example_request(op, call),
            example_fence=lang.fence,
            response_json=response_json,
            frags=self.frags[lang.key],
        )

    def resource_page(self, lang: Language, info: _ResourceInfo) -> ResourcePage:
        page = self._page(lang, info.sub, resource_title(info.res), self.crumbs[info.sub][:-1])
        methods = [self._nav(page, info.methods[id(op)], method_title(op), 0, "method",
                             extra=op.method.upper() + " " + op.path, code=self._signature(lang, op))
                   for op in info.res.operations]
        subs = [self._nav(page, child.sub, resource_title(child.res), 0, "resource")
                for child in self.child_infos.get(info.sub, [])]
        models = [self._nav(page, self.model_sub[name], lang.type_name(name), 0, "model",
                            code=self._model_label(lang, name)) for name in info.models]
        return ResourcePage(page=page, description_md=self.md_desc(info.res.description),
                            description_html=self.html_desc(info.res.description), methods=methods,
                            subresources=subs, models=models)

    def model_page(self, lang: Language, name: str, root: DocNode, example_json: str) -> ModelPage:
        sub = self.model_sub[name]
        owner = self.model_owner.get(name)
        crumbs = self.crumbs[owner.sub] if owner else [(self.api.title, "")]
        page = self._page(lang, sub, lang.type_name(name), crumbs)
        return ModelPage(page=page, label=self._model_label(lang, name),
                         description_md=self.md_desc(root.description),
                         description_html=self.html_desc(root.description), body=root.body,
                         values=[lang.value_label(v) for v in root.values],
                         example_json=example_json, frags=self.frags[lang.key])

    def index_page(self, lang: Language) -> IndexPage:
        page = self._page(lang, "", self.api.title, [])
        resources: list[Link] = []
        for info in self.resources:
            depth = info.sub.count("/subresources/")
            resources.append(self._nav(page, info.sub, resource_title(info.res), depth, "resource",
                                       extra=count_text(len(info.res.operations), "method")))
            for op in info.res.operations:
                resources.append(self._nav(page, info.methods[id(op)], method_title(op), depth + 1, "method",
                                           extra=op.method.upper() + " " + op.path,
                                           code=self._signature(lang, op)))
        models = [self._nav(page, self.model_sub[name], lang.type_name(name), 0, "model",
                            code=self._model_label(lang, name)) for name in self.model_sub]
        auth = [AuthView(name=scheme.name, summary=auth_summary(scheme),
                         credentials=[(cred.key, cred.env) for cred in scheme.credentials],
                         description_md=self.md_desc(scheme.description),
                         description_html=self.html_desc(scheme.description)) for scheme in self.contract.schemes]
        return IndexPage(page=page, description_md=self.md_desc(self.api.description),
                         description_html=self.html_desc(self.api.description), resources=resources,
                         models=models, base_url=self.contract.base_url or self.contract.base_url_relative,
                         base_url_env=self.contract.names.env_base_url, auth=auth)

    def plan(self) -> list[RenderJob]:
        jobs: list[RenderJob] = []
        neutral, models = self.site.facts()
        for lang in self.languages:
            index = self.index_page(lang)
            jobs += self._both(index.page, "index", {"v": index})
            for info in self.resources:
                view = self.resource_page(lang, info)
                jobs += self._both(view.page, "resource", {"v": view})
                for op in info.res.operations:
                    method = self.method_page(lang, op, *neutral[id(op)])
                    jobs += self._both(method.page, "method", {"v": method})
            for name, (model_root, example) in models.items():
                model = self.model_page(lang, name, model_root, example)
                jobs += self._both(model.page, "model", {"v": model})
            jobs.append(RenderJob(path=f"{lang.key}/nav.js", content=self.nav_script(lang)))
            jobs.append(RenderJob(path=f"{lang.key}/search.js", content=self.search_script(lang)))
        if not self.root_pages:
            return sorted(jobs, key=lambda job: job.path)
        root_links = [Link(text=label, md=f"{key}/index.md", html=f"{key}/index.html") for label, key in self.langs]
        root = {"api_title": self.api.title, "description_md": self.md_desc(self.api.description),
                "description_html": self.html_desc(self.api.description), "languages": root_links,
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
        return [RenderJob(path=f"{page.file}.md", template=f"{kind}.md.j2", context=context),
                RenderJob(path=f"{page.file}.html", template=f"{kind}.html.j2", context=context)]


def _json(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False, default=str)``.  With an indent, json
    encodes in Python with closures that reference each other (garbage only the collector frees,
    for every example); the JSON values of examples are written here with json's own string
    encoder, anything else (other types, non-string keys, cycles, very deep values) by json."""
    out: list[str] = []
    try:
        _write_json(value, "\n", out)
    except (_NotPlainJson, RecursionError):
        return json.dumps(value, indent=2, ensure_ascii=False, default=str)
    return "".join(out)


class _NotPlainJson(Exception):
    pass


_NO_KEY = object()  # the key of a list's items


def _write_json(value: Any, newline: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict or kind is list:
        if not value:
            out.append("{}" if kind is dict else "[]")
            return
        inner = newline + "  "
        before = ("{" if kind is dict else "[") + inner
        # (key, item) pairs; a list's items have no key
        for key, item in value.items() if kind is dict else ((_NO_KEY, item) for item in value):
            if key is _NO_KEY:
                out.append(before)
            elif type(key) is str:
                out.append(before + encode_basestring(key) + ": ")
            else:
                raise _NotPlainJson
            _write_json(item, inner, out)
            before = "," + inner
        out.append(newline + ("}" if kind is dict else "]"))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        out.append(float.__repr__(value))
    else:
        raise _NotPlainJson
