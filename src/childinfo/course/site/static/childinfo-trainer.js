/* Trainer view: instructor notes are folded away for learners, and shown by a switch that
   remembers its state in this browser (localStorage). Without JavaScript every note shows.
   Pages meant for trainers (marked .childinfo-trainer-page) always show their notes. */
(function () {
  "use strict";
  var KEY = "childinfo-trainer-view";

  function remembered() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }

  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
  }

  function apply(on) {
    document.querySelectorAll("div.admonition.instructor-note").forEach(function (note) {
      note.hidden = !on;
    });
    document.querySelectorAll("button.childinfo-trainer-switch").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    document.querySelectorAll(".childinfo-trainer-state").forEach(function (state) {
      state.textContent = on ? "Instructor notes are shown." : "Instructor notes are hidden.";
    });
  }

  function start() {
    var notes = document.querySelectorAll("div.admonition.instructor-note");
    if (!notes.length || document.querySelector(".childinfo-trainer-page")) return;
    notes.forEach(function (note, i) {
      var bar = document.createElement("div");
      bar.className = "childinfo-trainer-bar";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "childinfo-trainer-switch";
      button.textContent = "Trainer view";
      button.setAttribute("aria-pressed", "false");
      var state = document.createElement("span");
      state.className = "childinfo-trainer-state";
      // Only the first switch announces the change, so a screen reader hears it once.
      if (i === 0) state.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        remember(on);
        apply(on);
      });
      bar.appendChild(button);
      bar.appendChild(state);
      note.parentNode.insertBefore(bar, note);
    });
    apply(remembered());
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
