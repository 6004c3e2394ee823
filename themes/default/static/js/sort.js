// Sortable tables (the round summary of proposals): a button in each sortable column header
// sorts the rows by that column, again to reverse; aria-sort says the order. Without
// JavaScript the table keeps the order it was built in (submitter, then priority).
(function () {
  "use strict";
  function value(row, column, numeric) {
    var cell = row.cells[column];
    if (!cell) return numeric ? 0 : "";
    if (numeric) return parseFloat(cell.getAttribute("data-value")) || 0;
    return cell.textContent.trim();
  }
  function setup(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var lang = document.documentElement.lang || "vi";
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    table.parentNode.insertBefore(status, table.nextSibling);
    var headers = table.querySelectorAll("th[data-sort]");
    function sort(th) {
      var column = parseInt(th.getAttribute("data-column"), 10);
      var numeric = th.getAttribute("data-sort") === "number";
      var descending = th.getAttribute("aria-sort") === "ascending";
      for (var i = 0; i < headers.length; i++) headers[i].removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var order = rows.map(function (row, index) {
        return { row: row, index: index, key: value(row, column, numeric) };
      });
      order.sort(function (a, b) {
        var c = numeric ? a.key - b.key : a.key.localeCompare(b.key, lang);
        if (descending) c = -c;
        return c || a.index - b.index;
      });
      for (var j = 0; j < order.length; j++) body.appendChild(order[j].row);
      var label = table.getAttribute(descending ? "data-label-descending" : "data-label-ascending");
      status.textContent = (label || "").replace("{column}", th.textContent.trim());
    }
    for (var k = 0; k < headers.length; k++) {
      (function (th) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort-button";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
        button.addEventListener("click", function () { sort(th); });
      })(headers[k]);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var tables = document.querySelectorAll("table[data-sortable]");
    for (var i = 0; i < tables.length; i++) setup(tables[i]);
  });
})();
