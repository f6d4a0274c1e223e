{% raw %}
// sdkforge API reference: progressive enhancement only (the pages work without it).
(function () {
  "use strict";
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
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
  if (sidebar && here && lang) {
    var script = document.createElement("script");
    script.src = new URL("../" + lang + "/nav.js", here).href;
    document.head.appendChild(script);
  }
  function setup() {
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
{% endraw %}
