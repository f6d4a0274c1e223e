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
    process.stdout.write(JSON.stringify(report));
  } finally {
    await context.close();
  }
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + "\n");
  process.exit(1);
});
