// Enhances the class table: sort in place by a column, filter by name. Without it the column
// headers link to sorted copies of the page and the radio buttons filter through CSS.
(function () {
  "use strict";
  var table = document.getElementById("grades");
  if (!table) { return; }
  var body = table.tBodies[0];
  function value(row, index) {
    var cell = row.children[index];
    return cell ? cell.getAttribute("data-sort") || "" : "";
  }
  function sortBy(header) {
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var byName = index === 0;
    // A name sorts A to Z first, a score best first; a second click turns the order round.
    var current = header.getAttribute("aria-sort");
    var ascending = byName ? current !== "ascending" : current === "descending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index), y = value(b, index);
      var order = byName ? x.localeCompare(y) : parseFloat(x) - parseFloat(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(header.parentNode.children, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    table.setAttribute("data-sorted-by", header.getAttribute("data-column"));
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
    header.querySelector("a").addEventListener("click", function (event) {
      event.preventDefault();
      sortBy(header);
    });
  });
  var input = document.createElement("input");
  input.type = "search";
  input.placeholder = "filter by name";
  input.setAttribute("aria-label", "filter submissions by name");
  function filter() {
    var wanted = input.value.toLowerCase();
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = wanted !== "" && row.getAttribute("data-name").indexOf(wanted) < 0;
    });
  }
  input.addEventListener("input", filter);
  document.getElementById("name-filter").appendChild(input);
  // A link may carry a sort and a filter: index.html#sort=total&filter=ann
  var asked = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var parts = pair.split("=");
    if (parts.length === 2) { asked[parts[0]] = decodeURIComponent(parts[1]); }
  });
  var header = asked.sort && table.querySelector('thead th[data-column="' + asked.sort.replace(/[^\w-]/g, "") + '"]');
  if (header) { sortBy(header); }
  if (asked.filter) { input.value = asked.filter; filter(); }
}());
