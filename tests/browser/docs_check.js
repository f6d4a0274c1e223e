// Drives Debian's Chromium (never a downloaded browser) through playwright-core and
// reports what it observes on the generated docs as JSON on stdout; the assertions
// live in tests/test_docs_browser.py.
//
// usage: node docs_check.js <config.json>
// config: { bases: {name: url-of-docs-root/}, screenshot: path, userDataDir: path,
//           hostile: url-of-a-hostile-page | null }
"use strict";

const fs = require("fs");
const path = require("path");
const { chromium } = require(path.resolve(__dirname, "../../node_modules/playwright-core"));

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const COMPLETE = "resources/uploads/methods/complete.html";

function watch(page, log) {
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") {
      log.console.push(`${msg.type()}: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => log.errors.push(String(err)));
  page.on("requestfailed", (req) => log.failed.push(`${req.url()} ${req.failure() && req.failure().errorText}`));
  page.on("dialog", async (dialog) => {
    log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
}

async function visible(page, selector) {
  const handle = page.locator(selector);
  if ((await handle.count()) === 0) return null;
  return handle.first().isVisible();
}

async function checkSite(context, base, screenshot) {
  const log = { console: [], errors: [], failed: [], dialogs: [] };
  const page = await context.newPage();
  watch(page, log);
  const out = { base, log };
  await page.goto(base + "ruby/" + COMPLETE, { waitUntil: "load" });
  out.title = await page.title();
  out.h1 = (await page.locator("h1").first().innerText()).trim();
  out.signature = (await page.locator("pre.signature").first().innerText()).trim();
  out.signatureVisible = await page.locator("pre.signature").first().isVisible();
  out.toolsVisible = await page.locator("section.returns .tree-tools").first().isVisible();
  // the sidebar is built from the language's nav.js and marks this page
  out.sidebarCurrent = (await page.locator("nav.sidebar a.current").innerText()).trim();
  out.sidebarLinks = await page.locator("nav.sidebar a").count();

  // a nested property of a collapsed model: hidden, then visible after a click on its summary
  const nested = '[id="return.root.file.status_details"]';
  const fileRow = '[id="return.root.file"]';
  out.nestedVisibleBefore = await visible(page, nested);
  await page.locator(`${fileRow} > details.children > summary`).click();
  out.nestedVisibleAfterClick = await visible(page, nested);
  // the section tools: collapse all, then expand all
  await page.locator("section.returns .tree-tools [data-collapse]").click();
  out.topLevelVisibleAfterCollapse = await visible(page, '[id="return.root.id"]');
  await page.locator("section.returns .tree-tools [data-expand]").click();
  out.nestedVisibleAfterExpand = await visible(page, nested);
  out.enumValueVisibleAfterExpand = await visible(page, `${fileRow} li code:text-is(':"fine-tune"')`);
  // the page as a reader sees it with every tree open (compared with the captured seed page)
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
  out.bodyText = await page.locator("body").innerText();
  if (screenshot) {
    await page.locator("section.returns .tree-tools [data-collapse]").click();
    await page.locator('[id="return.root"] > details.children').evaluate((d) => { d.open = true; });
    await page.screenshot({ path: screenshot, fullPage: true });
  }

  // the language switcher lands on the same operation in another language
  await page.locator('nav.langs a:text-is("Python")').click();
  await page.waitForLoadState("load");
  out.switchedUrl = page.url();
  out.switchedH1 = (await page.locator("h1").first().innerText()).trim();
  out.switchedSignature = (await page.locator("pre.signature").first().innerText()).trim();
  out.switchedCurrent = (await page.locator("nav.langs a.current").innerText()).trim();
  // and the sidebar leads to another page of the same language
  await page.locator('nav.sidebar a:text-is("List files")').click();
  await page.waitForLoadState("load");
  out.sidebarUrl = page.url();
  out.sidebarH1 = (await page.locator("h1").first().innerText()).trim();
  // the top index of the whole site links every language
  await page.goto(base + "index.html", { waitUntil: "load" });
  out.rootLinks = await page.locator("main a").allInnerTexts();
  await page.close();
  return out;
}

async function checkHostile(context, url) {
  const log = { console: [], errors: [], failed: [], dialogs: [] };
  const page = await context.newPage();
  watch(page, log);
  await page.goto(url, { waitUntil: "load" });
  // open every tree, hover and focus everything a user could reach
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
  const links = await page.locator("main a").all();
  for (const link of links) {
    await link.hover();
  }
  await page.waitForTimeout(300);
  const out = { log };
  out.scripts = await page.evaluate(() => Array.from(document.scripts).map((s) => s.getAttribute("src")));
  out.activeElements = await page.evaluate(
    () => document.querySelectorAll("img, iframe, svg, object, embed, [onerror], [onload]").length
  );
  out.sidebarText = await page.locator("nav.sidebar").innerText();
  out.javascriptLinks = await page.evaluate(
    () => Array.from(document.querySelectorAll("a[href]")).filter((a) => /^\s*javascript:/i.test(a.getAttribute("href"))).length
  );
  out.text = await page.locator("main").innerText();
  // the search index's spec strings are shown as text too
  await page.locator(".search-box").fill("thing");
  await page.locator(".search-results [role=option]").first().waitFor();
  out.searchText = await page.locator(".search-results").innerText();
  out.activeAfterSearch = await page.evaluate(
    () => document.querySelectorAll("img, iframe, svg, object, embed, [onerror], [onload]").length
  );
  await page.waitForTimeout(200);
  await page.close();
  return out;
}

// the sidebar of a big API (built by docs.js from the language's nav.js): what it lists
async function checkSidebar(context, url) {
  const log = { console: [], errors: [], failed: [], dialogs: [] };
  const page = await context.newPage();
  watch(page, log);
  await page.goto(url, { waitUntil: "load" });
  await page.locator("nav.sidebar a.current").waitFor();
  const out = { log };
  out.links = (await page.locator("nav.sidebar a").allInnerTexts()).map((t) => t.trim());
  out.current = (await page.locator("nav.sidebar a.current").innerText()).trim();
  await page.close();
  return out;
}

// the site's features: search, copy buttons, dark mode, the narrow layout; screenshots of each
async function checkFeatures(context, base, shots) {
  const log = { console: [], errors: [], failed: [], dialogs: [] };
  const page = await context.newPage();
  watch(page, log);
  const out = { log };
  const shot = async (name, fullPage) => {
    const file = path.join(shots, name + ".png");
    await page.screenshot({ path: file, fullPage: !!fullPage });
    return file;
  };
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(base + "ruby/" + COMPLETE, { waitUntil: "load" });
  await page.locator("nav.sidebar a.current").waitFor();

  // search: "/" focuses the box, which loads the index; typing lists matches; arrows and Enter open one
  out.searchScriptsBefore = await page.evaluate(() => Array.from(document.scripts).filter((s) => /search\.js$/.test(s.src)).length);
  await page.locator("h1").first().click();
  await page.keyboard.press("/");
  out.searchFocused = await page.evaluate(() => document.activeElement && document.activeElement.classList.contains("search-box"));
  await page.keyboard.type("list files");
  await page.locator(".search-results [role=option]").first().waitFor();
  out.searchScriptsAfter = await page.evaluate(() => Array.from(document.scripts).filter((s) => /search\.js$/.test(s.src)).length);
  out.searchResults = (await page.locator(".search-results [role=option] .search-title").allInnerTexts()).map((t) => t.trim());
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  out.searchSelected = (await page.locator('.search-results [aria-selected="true"] .search-title').innerText()).trim();
  out.shots = { search: await shot("search-open") };
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  out.searchUrl = page.url();
  out.searchH1 = (await page.locator("h1").first().innerText()).trim();
  // a model by its name, and a query that matches nothing
  await page.locator(".search-box").fill("uploadpart");
  await page.locator(".search-results [role=option]").first().waitFor();
  out.modelResult = (await page.locator(".search-results [role=option] .search-title").first().innerText()).trim();
  await page.locator(".search-box").fill("zzzz-nothing");
  out.noResults = (await page.locator(".search-results").innerText()).trim();

  // copy: every code block has a button; a click puts the code on the clipboard and says so
  await page.goto(base + "ruby/" + COMPLETE, { waitUntil: "load" });
  out.codeBlocks = await page.locator("main pre").count();
  out.copyButtons = await page.locator("main .code-wrap > button.copy").count();
  const example = page.locator("section.example .code-wrap").first();
  out.exampleCode = await example.locator("pre code").evaluate((c) => c.textContent);
  await example.locator("button.copy").click();
  await page.waitForFunction(() => document.querySelector("section.example button.copy").textContent === "Copied");
  out.copyLabel = (await example.locator("button.copy").innerText()).trim();
  out.clipboard = await page.evaluate(() => navigator.clipboard.readText());

  // dark mode follows prefers-color-scheme
  const colours = () => page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.body).color,
    pre: getComputedStyle(document.querySelector("main pre")).backgroundColor,
  }));
  await page.evaluate(() => window.scrollTo(0, 0));
  out.light = await colours();
  out.shots.light = await shot("light");
  await page.emulateMedia({ colorScheme: "dark" });
  out.dark = await colours();
  out.shots.dark = await shot("dark");
  await page.emulateMedia({ colorScheme: "light" });

  // 390 px: the first screen shows the page's content; the navigation opens from the Menu button
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + "ruby/" + COMPLETE, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector("nav.sidebar a.current"));
  const box = async (selector) => page.locator(selector).first().boundingBox();
  out.mobile = {
    h1: await box("main h1"),
    signature: await box("main pre.signature"),
    sidebarVisible: await page.locator("nav.sidebar").isVisible(),
    toggleVisible: await page.locator(".nav-toggle").isVisible(),
    scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth),
  };
  out.shots.mobile = await shot("mobile");
  await page.locator(".nav-toggle").click();
  out.mobile.sidebarAfterToggle = await page.locator("nav.sidebar").isVisible();
  out.mobile.currentAfterToggle = (await page.locator("nav.sidebar a.current").innerText()).trim();
  out.mobile.expanded = await page.locator(".nav-toggle").getAttribute("aria-expanded");
  out.shots.mobileNav = await shot("mobile-nav");
  // the language's index page: base URL, authentication, resources
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(base + "ruby/index.html", { waitUntil: "load" });
  out.shots.index = await shot("index", true);
  await page.close();
  return out;
}

async function main() {
  const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const context = await chromium.launchPersistentContext(config.userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const report = { sites: {} };
    let first = true;
    for (const [name, base] of Object.entries(config.bases)) {
      report.sites[name] = await checkSite(context, base, first ? config.screenshot : null);
      first = false;
    }
    if (config.hostile) {
      report.hostile = await checkHostile(context, config.hostile);
    }
    if (config.big) {
      report.big = await checkSidebar(context, config.big);
    }
    if (config.features) {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(config.features.base).origin });
      report.features = await checkFeatures(context, config.features.base, config.features.screenshots);
    }
    process.stdout.write(JSON.stringify(report));
  } finally {
    await context.close();
  }
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + "\n");
  process.exit(1);
});
