"""The HTML docs in a real browser: Debian's Chromium driven by playwright-core
(tests/browser/docs_check.js), opened from file:// and from a local static server."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_docs import (
    HOSTILE,
    REPO,
    SEED,
    SPEC,
    assert_in_order,
    generate_docs,
    with_sample_values,
)

CHROMIUM = Path("/usr/bin/chromium")
NODE = shutil.which("node")
DRIVER = REPO / "tests" / "browser" / "docs_check.js"
ARTIFACTS = REPO / "tests" / ".artifacts"
SCREENSHOT = ARTIFACTS / "complete-upload-ruby.png"
SCREENSHOTS = ARTIFACTS / "screenshots"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def big_spec() -> str:
    """More operations than a full sidebar shows: 31 in ``alpha``'s subresources, 30 in
    ``beta.gamma``'s, one on ``beta``."""
    lines = ["openapi: 3.1.0", 'info: {title: Big, version: "1"}', 'servers: [{url: "https://example.com"}]',
             "paths:"]
    ok = ["      responses:", '        "204": {description: OK}']
    beta_id = "      parameters: [{name: beta_id, in: path, required: true, schema: {type: string}}]"
    for i in range(31):
        lines += [f"  /alpha/action{i}:", "    post:", f"      operationId: alphaAction{i}",
                  f"      summary: Alpha action {i}", *ok]
    for i in range(30):
        lines += [f"  /beta/{{beta_id}}/gamma/g{i}:", "    post:", f"      operationId: gammaStep{i}",
                  f"      summary: Gamma step {i}", beta_id, *ok]
    lines += ["  /beta/{beta_id}:", "    get:", "      operationId: getBeta", "      summary: Get beta", beta_id, *ok]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    generate_docs(SPEC, root / "out")
    hostile_spec = root / "evil.yaml"
    hostile_spec.write_text(HOSTILE)
    generate_docs(hostile_spec, root / "hostile")
    big = root / "big.yaml"
    big.write_text(big_spec())
    generate_docs(big, root / "big")
    return root


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site / "out" / "docs"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def report(site: Path, server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    assert CHROMIUM.exists(), "Debian's /usr/bin/chromium is required"
    assert NODE, "node is required"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if SCREENSHOT.exists():
        SCREENSHOT.unlink()
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    work = tmp_path_factory.mktemp("chromium")
    config = {
        "bases": {"file": (site / "out" / "docs").as_uri() + "/", "http": server},
        "screenshot": str(SCREENSHOT),
        "userDataDir": str(work / "profile"),
        "hostile": (site / "hostile" / "docs" / "http" / "resources" / "things" / "methods"
                    / "retrieve.html").as_uri(),
        "big": (site / "big" / "docs" / "python" / "resources" / "beta" / "subresources" / "gamma" / "subresources"
                / "g3" / "methods" / "create.html").as_uri(),
        "features": {"base": server, "screenshots": str(SCREENSHOTS)},
    }
    (work / "config.json").write_text(json.dumps(config))
    proc = subprocess.run([NODE, str(DRIVER), str(work / "config.json")], check=False, capture_output=True, text=True,
                          timeout=180, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("how", ["file", "http"])
def test_page_renders_and_behaves(report: dict[str, Any], how: str) -> None:
    site = report["sites"][how]
    assert site["log"] == {"console": [], "errors": [], "failed": [], "dialogs": []}
    assert "Complete upload" in site["title"]
    assert site["h1"] == "Complete upload"
    assert site["signatureVisible"]
    assert site["signature"] == "uploads.complete(upload_id, **kwargs) -> Upload { id, bytes, created_at, 6 more }"
    assert site["toolsVisible"], "the Expand/Collapse buttons are shown once the script runs"
    # expand / collapse
    assert site["nestedVisibleBefore"] is False
    assert site["nestedVisibleAfterClick"] is True
    assert site["topLevelVisibleAfterCollapse"] is False
    assert site["nestedVisibleAfterExpand"] is True
    assert site["enumValueVisibleAfterExpand"] is True
    # language switcher: the same operation, in Python
    assert site["switchedUrl"].endswith("/python/resources/uploads/methods/complete.html")
    assert site["switchedH1"] == "Complete upload"
    assert site["switchedSignature"].startswith("uploads.complete(upload_id, **kwargs) -> Upload")
    assert site["switchedCurrent"] == "Python"
    # sidebar (built from ruby/nav.js): the page is marked, the small sample lists everything
    assert site["sidebarCurrent"] == "POST Complete upload"
    assert site["sidebarLinks"] > 15
    assert site["sidebarUrl"].endswith("/python/resources/files/methods/list.html")
    assert site["sidebarH1"] == "List files"
    assert site["rootLinks"] == ["Python", "TypeScript", "Ruby", "Go", "HTTP"]


def test_rendered_page_reads_like_the_seed(report: dict[str, Any]) -> None:
    """What Chromium shows (innerText, every tree open) contains every line of the captured
    page in order, chrome included (the example's one sample value is ours: see test_docs)."""
    expected = with_sample_values([line.strip() for line in SEED.read_text().splitlines() if line.strip()])
    actual = [line.strip() for line in report["sites"]["file"]["bodyText"].splitlines() if line.strip()]
    assert_in_order(expected, actual)


def test_screenshot_saved(report: dict[str, Any]) -> None:
    data = SCREENSHOT.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_hostile_descriptions_are_inert(report: dict[str, Any]) -> None:
    hostile = report["hostile"]
    assert hostile["log"]["dialogs"] == []
    assert hostile["log"]["errors"] == []
    # the page's own script, and the language's sidebar data it loads (every page of a language shares it)
    assert hostile["scripts"][0] == "../../../../assets/docs.js"
    assert [src.rsplit("/docs/", 1)[-1] for src in hostile["scripts"][1:]] == ["http/nav.js"]
    assert hostile["activeElements"] == 0
    # spec strings in the sidebar data are shown as text
    assert "Get <b>thing</b>" in hostile["sidebarText"]
    assert hostile["javascriptLinks"] == 0
    # the hostile text is shown, as text
    assert "<script>alert(1)</script>" in hostile["text"]
    assert "<img src=x onerror=alert(2)>" in hostile["text"]
    # and in the search results (from the language's search.js)
    assert "Get <b>thing</b>" in hostile["searchText"]
    assert hostile["activeAfterSearch"] == 0 and hostile["log"]["dialogs"] == []


def test_big_api_sidebar_opens_the_path_to_the_page(report: dict[str, Any]) -> None:
    """Past 60 operations the sidebar lists the top-level resources and opens only the way to the
    current page: its ancestors' subresources and its own resource's methods."""
    big = report["big"]
    assert big["log"] == {"console": [], "errors": [], "failed": [], "dialogs": []}
    links = big["links"]
    assert big["current"] == "POST Gamma step 3"
    assert links[:3] == ["Alpha", "Beta", "GET Get beta"]
    assert "Gamma" in links and [f"G{i}" for i in range(30)] == [t for t in links if re.fullmatch(r"G\d+", t)]
    assert [t for t in links if "Gamma step" in t] == ["POST Gamma step 3"]  # other subresources stay closed
    assert not [t for t in links if "Action" in t or "Alpha action" in t]  # alpha is not on the way


def test_search_finds_an_operation_by_name_and_opens_it(report: dict[str, Any]) -> None:
    """``/`` focuses the box; the language's index is loaded then (not with the page); the operation
    typed comes first, the arrows move the selection and Enter opens it."""
    features = report["features"]
    assert features["log"] == {"console": [], "errors": [], "failed": [], "dialogs": []}
    assert features["searchScriptsBefore"] == 0 and features["searchScriptsAfter"] == 1
    assert features["searchFocused"] is True
    assert features["searchResults"][0] == "List files"
    assert features["searchSelected"] == "List files"
    assert features["searchUrl"].endswith("/ruby/resources/files/methods/list.html")
    assert features["searchH1"] == "List files"
    assert features["modelResult"] == "UploadPart"
    assert features["noResults"] == "No results"


def test_copy_button_puts_the_code_on_the_clipboard(report: dict[str, Any]) -> None:
    features = report["features"]
    assert features["codeBlocks"] >= 3 and features["copyButtons"] == features["codeBlocks"]
    assert features["copyLabel"] == "Copied"
    assert features["clipboard"] == features["exampleCode"]
    assert features["clipboard"].startswith('require "openai"')


def _luminance(css: str) -> float:
    red, green, blue = (int(part) for part in css[css.index("(") + 1: css.index(")")].split(",")[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_dark_mode_follows_the_colour_scheme(report: dict[str, Any]) -> None:
    light, dark = report["features"]["light"], report["features"]["dark"]
    assert _luminance(light["body"]) > 200 and _luminance(dark["body"]) < 60
    assert _luminance(dark["text"]) > 180 and _luminance(light["text"]) < 60
    assert light["pre"] != dark["pre"] and _luminance(dark["pre"]) < 60


def test_narrow_screen_shows_content_first_and_navigation_behind_a_toggle(report: dict[str, Any]) -> None:
    mobile = report["features"]["mobile"]
    assert mobile["sidebarVisible"] is False and mobile["toggleVisible"] is True
    # the title and the signature are on the first screen (844 px high), nothing scrolls sideways
    assert mobile["h1"]["y"] < 300 and mobile["signature"]["y"] + mobile["signature"]["height"] < 844
    assert mobile["scrollWidth"] <= 390
    assert mobile["sidebarAfterToggle"] is True and mobile["expanded"] == "true"
    assert mobile["currentAfterToggle"] == "POST Complete upload"


def test_feature_screenshots_saved(report: dict[str, Any]) -> None:
    shots = report["features"]["shots"]
    assert sorted(shots) == ["dark", "index", "light", "mobile", "mobileNav", "search"]
    for path in shots.values():
        data = Path(path).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000
