// Keeps call states true to the reader's clock: a page built before a deadline still says
// "closed" once it has passed. Without JavaScript the state at build time shows.
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  var labels = {
    vi: { open: "Đang nhận hồ sơ", closed: "Đã hết hạn", soon: "Sắp hết hạn", days: "còn {n} ngày", hours: "còn {n} giờ", minutes: "còn {n} phút" },
    en: { open: "Open", closed: "Closed", soon: "Closing soon", days: "{n} days left", hours: "{n} hours left", minutes: "{n} minutes left" }
  }[lang === "en" ? "en" : "vi"];
  var soonDays = 7;
  function update() {
    var now = Date.now();
    var calls = document.querySelectorAll("[data-deadline]");
    for (var i = 0; i < calls.length; i++) {
      var el = calls[i];
      var deadline = Date.parse(el.getAttribute("data-deadline"));
      if (isNaN(deadline)) continue;
      var state = el.querySelector(".call-state");
      var left = el.querySelector(".call-left");
      var opens = Date.parse(el.getAttribute("data-opens") || "");
      if (!isNaN(opens) && now >= opens && /call-upcoming/.test(el.className)) {
        el.className = el.className.replace("call-upcoming", "call-open");
        if (state) state.textContent = labels.open;
      }
      if (!isNaN(opens) && now < opens) continue;
      var seconds = (deadline - now) / 1000;
      if (seconds <= 0) {
        if (/call-(open|closing-soon)/.test(el.className)) {
          el.className = el.className.replace(/call-(open|closing-soon)/, "call-closed");
          if (state) state.textContent = labels.closed;
        }
        if (left) left.textContent = "";
        continue;
      }
      if (seconds <= soonDays * 86400 && /call-open/.test(el.className)) {
        el.className = el.className.replace("call-open", "call-closing-soon");
        if (state) state.textContent = labels.soon;
      }
      if (left) {
        var text = seconds >= 2 * 86400 ? labels.days.replace("{n}", Math.floor(seconds / 86400))
          : seconds >= 3600 ? labels.hours.replace("{n}", Math.floor(seconds / 3600))
          : labels.minutes.replace("{n}", Math.max(1, Math.floor(seconds / 60)));
        left.textContent = "(" + text + ")";
      }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var soon = document.documentElement.getAttribute("data-closing-soon-days");
    if (soon) soonDays = parseInt(soon, 10) || 7;
    update();
    setInterval(update, 60000);
  });
})();
