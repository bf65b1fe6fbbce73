/* The course's page behaviour (childinfo.course.site). Plain script, no library. */
(function () {
  "use strict";

  /* Navigation buttons. The theme puts a primary-toggle (and sometimes a secondary-toggle) in
     the hidden site header and another in the visible article header, but its script wires only
     the first of each, so on a phone the visible buttons did nothing. A click on any later
     button is passed to the wired one, which opens the drawer (narrow screens) or hides and
     shows the sidebar (wide screens, sphinx-book-theme's own handler). */
  function forwardToggles() {
    ["primary-toggle", "secondary-toggle"].forEach(function (kind) {
      var buttons = Array.prototype.slice.call(document.querySelectorAll("." + kind));
      var wired = buttons[0];
      buttons.slice(1).forEach(function (button) {
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          wired.click();
        });
      });
    });
  }

  /* A box that scrolls sideways (a chart or table wider than a phone) must be reachable by
     keyboard and named (WCAG 2.1.1, 4.1.2): it becomes a labelled region and a tab stop only
     while it actually overflows, so fitting boxes add no tab stops. */
  var SCROLLERS = ".childinfo-chart, .childinfo-scroll, .pst-scrollable-table-container";

  function labelScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        box.tabIndex = 0;
        if (!box.hasAttribute("role")) box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label")) {
          var caption = box.querySelector("caption");
          box.setAttribute("aria-label", (caption ? caption.textContent.trim() + ": " : "") +
            "wide table, scrolls sideways");
        }
      } else if (box.tabIndex === 0) {
        box.removeAttribute("tabindex");
      }
    });
  }

  /* The "Download this page" menu. Bootstrap's script is not loaded (page weight, issue 16)
     and opening this menu was the one thing it did that the browser does not: open and close
     it on click, close it on Escape (focus back on its button) or a click elsewhere. */
  function wireMenus() {
    document.querySelectorAll('[data-bs-toggle="dropdown"]').forEach(function (button) {
      var holder = button.parentNode;
      var menu = holder.querySelector(".dropdown-menu");
      if (!menu) return;
      menu.setAttribute("data-bs-popper", "static");  // the theme's CSS: below its button
      function show(open) {
        menu.classList.toggle("show", open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
        // Below the button from its left edge, or from its right edge if that would run off
        // the screen.
        menu.style.left = menu.style.right = "";
        if (open && menu.getBoundingClientRect().right > document.documentElement.clientWidth) {
          menu.style.left = "auto";
          menu.style.right = "0";
        }
      }
      button.addEventListener("click", function () { show(!menu.classList.contains("show")); });
      holder.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.classList.contains("show")) {
          show(false);
          button.focus();
        }
      });
      document.addEventListener("click", function (event) {
        if (!holder.contains(event.target)) show(false);
      });
    });
  }

  function later(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  /* A chart fits its column when drawn, and Vega refits only when the window resizes. The
     column can change width without that (a page scrollbar appearing when the reader switches
     to dark mode, the sidebar hiding), so a change in a chart box's width is passed on as a
     window resize: the chart refits and the scroll boxes are labelled again. */
  function refitCharts() {
    if (!window.ResizeObserver) return;
    var widths = new WeakMap();
    var resize = later(function () { window.dispatchEvent(new Event("resize")); }, 100);
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var width = Math.round(entry.contentRect.width);
        if (widths.has(entry.target) && widths.get(entry.target) !== width) resize();
        widths.set(entry.target, width);
      });
    });
    document.querySelectorAll(".childinfo-chart").forEach(function (box) {
      observer.observe(box);
    });
  }

  function start() {
    forwardToggles();
    wireMenus();
    labelScrollers();
    refitCharts();
    var relabel = later(labelScrollers, 200);
    window.addEventListener("resize", relabel);
    var main = document.getElementById("main-content");
    if (main && window.MutationObserver) {
      new MutationObserver(relabel).observe(main, {subtree: true, childList: true});
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
