
// sdkforge API reference: progressive enhancement only (the pages work without it).
(function () {
  "use strict";
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  document.documentElement.classList.add("js");
  // The sidebar: every page of a language shares <lang>/nav.js (written once, not into each
  // page), which calls sdkforgeNav with [kind, depth, sub, text, http method] items.
  var here = document.currentScript && document.currentScript.src;
  var sidebar = document.querySelector("nav.sidebar[data-current]");
  var lang = document.body && document.body.getAttribute("data-lang");
  function openedBy(current, sub) {
    // the page's resource and its ancestors are open: sub is a prefix of the page's path
    return current === sub || current.indexOf(sub + "/") === 0;
  }
  window.sdkforgeNav = function (data) {
    if (!sidebar) { return; }
    var root = new URL("../" + lang + "/", here).href;
    var current = sidebar.getAttribute("data-current");
    var list = document.createElement("ul");
    each(data.items, function (item) {
      var kind = item[0], depth = item[1], sub = item[2];
      if (!data.full) {
        // big APIs: top-level resources, then the open path to this page's resource
        var parent = sub.slice(0, sub.lastIndexOf(kind === "method" ? "/methods/" : "/subresources/"));
        if (depth > 0 && !openedBy(current, parent)) { return; }
      }
      var li = document.createElement("li");
      li.className = "nav-" + kind + (kind === "heading" ? "" : " depth-" + depth);
      if (kind === "heading") {
        li.textContent = item[3];
      } else {
        var a = document.createElement("a");
        a.href = root + sub + ".html";
        if (item[4]) {
          var badge = document.createElement("span");
          badge.className = "http-method m-" + item[4].toLowerCase();
          badge.textContent = item[4];
          a.appendChild(badge);
          a.appendChild(document.createTextNode(" "));
        }
        a.appendChild(document.createTextNode(item[3]));
        if (sub === current) {
          a.className = "current";
          a.setAttribute("aria-current", "page");
        }
        li.appendChild(a);
      }
      list.appendChild(li);
    });
    sidebar.replaceChildren(list);
  };
  function load(name) {
    var script = document.createElement("script");
    script.src = new URL("../" + lang + "/" + name, here).href;
    document.head.appendChild(script);
  }
  if (sidebar && here && lang) { load("nav.js"); }

  // Search: <lang>/search.js (written once per language) is loaded on the first use of the box and
  // calls sdkforgeSearch with [kind, title, sub, resource, where, summary] items.
  var index = null, searchLoading = false, pendingQuery = null;
  window.sdkforgeSearch = function (data) {
    index = data.items.map(function (item) {
      return { item: item, title: item[1].toLowerCase(),
               text: (item[1] + " " + item[3] + " " + item[4] + " " + item[5]).toLowerCase() };
    });
    if (pendingQuery) { pendingQuery(); }
  };
  function score(entry, words, query) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      if (entry.text.indexOf(words[i]) < 0) { return -1; }
      if (entry.title.indexOf(words[i]) >= 0) { total += 2; }
    }
    if (entry.title === query) { total += 8; } else if (entry.title.indexOf(query) === 0) { total += 4; }
    if (entry.item[0] !== "model") { total += 1; }
    return total;
  }
  function search(query) {
    query = query.trim().toLowerCase();
    var words = query.split(/\s+/).filter(Boolean);
    if (!index || !words.length) { return []; }
    var hits = [];
    each(index, function (entry, order) {
      var s = score(entry, words, query);
      if (s >= 0) { hits.push({ s: s, order: order, item: entry.item }); }
    });
    hits.sort(function (a, b) { return b.s - a.s || a.order - b.order; });
    return hits.slice(0, 20).map(function (hit) { return hit.item; });
  }
  // the header's controls that need this script: the Menu button and the search box
  function element(tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }
  function setupHeader() {
    var brand = document.querySelector("header.top .brand");
    if (!brand || !sidebar || !here || !lang) { return; }
    var toggle = element("button", { type: "button", "class": "nav-toggle", "aria-controls": "sidebar",
                                     "aria-expanded": "false" });
    toggle.textContent = "Menu";
    brand.parentNode.insertBefore(toggle, brand);
    var box = element("div", { "class": "search", role: "search" });
    box.appendChild(element("input", {
      type: "search", "class": "search-box", placeholder: "Search (press /)", "aria-label": "Search the reference",
      autocomplete: "off", spellcheck: "false", role: "combobox", "aria-expanded": "false",
      "aria-controls": "search-results", "aria-autocomplete": "list" }));
    var results = element("ul", { "class": "search-results", id: "search-results", role: "listbox",
                                  "aria-label": "Search results" });
    results.hidden = true;
    box.appendChild(results);
    brand.parentNode.insertBefore(box, brand.nextSibling);
  }
  function setupSearch() {
    var box = document.querySelector(".search");
    var input = box && box.querySelector("input");
    var list = box && box.querySelector(".search-results");
    if (!input || !list) { return; }
    var root = new URL("../" + lang + "/", here).href;
    var active = -1;
    function options() { return list.querySelectorAll("[role=option]"); }
    function select(n) {
      var all = options();
      if (!all.length) { active = -1; return; }
      active = (n + all.length) % all.length;
      each(all, function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function render() {
      var query = input.value;
      if (!index) {
        pendingQuery = render;
        return;
      }
      var items = search(query);
      list.replaceChildren();
      active = -1;
      if (!query.trim()) { close(); return; }
      if (!items.length) {
        var none = document.createElement("li");
        none.className = "search-none";
        none.textContent = "No results";
        list.appendChild(none);
      }
      each(items, function (item, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = "search-option-" + i;
        var a = document.createElement("a");
        a.href = root + item[2] + ".html";
        a.tabIndex = -1;
        var title = document.createElement("span");
        title.className = "search-title";
        title.textContent = item[1];
        a.appendChild(title);
        var meta = document.createElement("span");
        meta.className = "search-meta";
        meta.textContent = [item[0] === "method" ? item[4] : item[0], item[3]].filter(Boolean).join(" \u00b7 ");
        a.appendChild(meta);
        if (item[5]) {
          var summary = document.createElement("span");
          summary.className = "search-summary";
          summary.textContent = item[5];
          a.appendChild(summary);
        }
        li.appendChild(a);
        li.addEventListener("mousemove", function () { if (active !== i) { select(i); } });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (items.length) { select(0); }
    }
    input.addEventListener("focus", function () {
      if (!index && !searchLoading) { searchLoading = true; load("search.js"); }
      if (input.value.trim()) { render(); }
    });
    input.addEventListener("input", render);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { render(); }
        select(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        var all = options();
        var target = all[active >= 0 ? active : 0];
        if (target) {
          event.preventDefault();
          window.location.href = target.querySelector("a").href;
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) { close(); } else { input.blur(); }
      }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) { close(); }
    });
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  // a copy button on every code block: the clipboard API, else a selection and execCommand
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      area.remove();
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }
  function setupCopy() {
    each(document.querySelectorAll("main pre"), function (pre) {
      var code = pre.querySelector("code") || pre;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy code");
      var timer = null;
      function show(text, state) {
        button.textContent = text;
        button.setAttribute("data-state", state);
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = "Copy";
          button.removeAttribute("data-state");
        }, 2000);
      }
      button.addEventListener("click", function () {
        copyText(code.textContent).then(function () { show("Copied", "copied"); },
                                         function () { show("Press Ctrl+C", "failed"); });
      });
      var wrap = document.createElement("div");
      wrap.className = "code-wrap";
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      wrap.appendChild(button);
    });
  }

  // narrow screens: the navigation stays behind the Menu button, content first
  function setupNavToggle() {
    var toggle = document.querySelector(".nav-toggle");
    if (!toggle) { return; }
    toggle.addEventListener("click", function () {
      var open = !document.body.classList.contains("nav-open");
      document.body.classList.toggle("nav-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  function setup() {
    setupHeader();
    setupSearch();
    setupCopy();
    setupNavToggle();
    // "Expand" / "Collapse" for every parameter and return tree
    each(document.querySelectorAll(".tree-tools"), function (tools) {
      var section = tools.closest("section");
      if (!section) { return; }
      tools.hidden = false;
      each(tools.querySelectorAll("button"), function (button) {
        button.addEventListener("click", function () {
          var open = button.hasAttribute("data-expand");
          each(section.querySelectorAll("details"), function (d) { d.open = open; });
        });
      });
    });
    // switching language keeps the place on the page
    each(document.querySelectorAll("a[data-lang-link]"), function (link) {
      link.addEventListener("click", function () {
        if (window.location.hash && link.href.indexOf("#") < 0) {
          link.href = link.href + window.location.hash;
        }
      });
    });
    // opening a link to a nested row opens its enclosing trees
    function reveal() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id && document.getElementById(id);
      for (var node = target; node; node = node.parentElement) {
        if (node.tagName === "DETAILS") { node.open = true; }
      }
    }
    window.addEventListener("hashchange", reveal);
    reveal();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
