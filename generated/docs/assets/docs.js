
// sdkforge API reference: progressive enhancement only (the pages work without it).
(function () {
  "use strict";
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
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
