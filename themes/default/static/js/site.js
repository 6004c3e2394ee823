// Keeps call states true to the reader's clock: a page built before a deadline still says
// "closed" once it has passed, and an upcoming call counts down to its opening, then opens.
// The words are the theme's (data-t-* on <html>). Without JavaScript the build's state shows.
(function () {
  "use strict";
  var DAY = 86400;
  var root = document.documentElement;
  function t(name) { return root.getAttribute("data-t-" + name) || ""; }
  var soonDays = 7;
  // The same units as the build (core's time_left_unit): days from two days on, then hours,
  // then minutes.
  function count(seconds, suffix) {
    var unit = seconds >= 2 * DAY ? "days" : seconds >= 3600 ? "hours" : "minutes";
    var size = unit === "days" ? DAY : unit === "hours" ? 3600 : 60;
    return "(" + t(unit + "-" + suffix).replace("{n}", Math.max(1, Math.floor(seconds / size))) + ")";
  }
  function setState(el, from, to, label) {
    if (!from.test(el.className)) return;
    el.className = el.className.replace(from, "call-" + to);
    var state = el.querySelector(".call-state");
    if (state) state.textContent = label;
  }
  function update() {
    var now = Date.now();
    var calls = document.querySelectorAll("[data-deadline]");
    for (var i = 0; i < calls.length; i++) {
      var el = calls[i];
      var deadline = Date.parse(el.getAttribute("data-deadline"));
      if (isNaN(deadline)) continue;
      var left = el.querySelector(".call-left");
      var opens = Date.parse(el.getAttribute("data-opens") || "");
      var opening = el.querySelector(".call-opens");
      if (!isNaN(opens) && now < opens) {
        var opensIn = el.querySelector(".call-opens-in");
        if (opensIn) opensIn.textContent = count((opens - now) / 1000, "to-open");
        continue;
      }
      if (opening) opening.parentNode.removeChild(opening);
      setState(el, /call-upcoming/, "open", t("open"));
      var seconds = (deadline - now) / 1000;
      if (seconds <= 0) {
        setState(el, /call-(open|closing-soon)/, "closed", t("closed"));
        if (left) left.textContent = "";
        continue;
      }
      if (seconds <= soonDays * DAY) setState(el, /call-open\b/, "closing-soon", t("closing-soon"));
      if (left && /call-(open|closing-soon)/.test(el.className)) {
        left.textContent = count(seconds, "left");
      }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var soon = root.getAttribute("data-closing-soon-days");
    if (soon) soonDays = parseInt(soon, 10) || 7;
    update();
    setInterval(update, 60000);
  });
})();
