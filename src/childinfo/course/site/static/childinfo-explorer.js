/* Ask your own question of Brackenfold: choose a table, group it, and read counts and rates.
 *
 * Every table this page can show was made when the book was built
 * (childinfo.course.explorer) and suppressed there by the toolkit's publish_table, so this
 * script only looks the chosen view up and draws it: it never decides which cells to hide.
 * It works offline and from file:// because the views are embedded in the page.
 */
(function () {
  "use strict";

  var KEEP_ALL = "";

  function lower(text) { return text.charAt(0).toLowerCase() + text.slice(1); }

  function option(select, label, value) {
    var o = document.createElement("option");
    o.textContent = label;
    o.value = value;
    select.appendChild(o);
    return o;
  }

  function Explorer(root, data) {
    this.data = data;
    this.form = root.querySelector("form");
    this.summary = root.querySelector(".childinfo-explorer-summary");
    this.results = root.querySelector(".childinfo-explorer-results");
    var self = this, f = this.form;
    data.families.forEach(function (fam, k) { option(f.family, fam.label, String(k)); });
    f.family.addEventListener("change", function () { self.fill(); self.draw(); });
    f.rows.addEventListener("change", function () { self.fillOthers(); self.draw(); });
    f.cols.addEventListener("change", function () {
      if (f.cols.value) f.where.value = KEEP_ALL;
      self.draw();
    });
    f.where.addEventListener("change", function () {
      if (f.where.value) f.cols.value = "";
      self.draw();
    });
    f.addEventListener("submit", function (event) { event.preventDefault(); });
    this.fill();
    this.draw();
  }

  Explorer.prototype.family = function () {
    return this.data.families[Number(this.form.family.value)];
  };

  Explorer.prototype.label = function (field) { return this.data.fields[field].label; };

  Explorer.prototype.fill = function () {
    var self = this, f = this.form, rows = f.rows.value;
    f.rows.innerHTML = "";
    this.family().fields.forEach(function (field) { option(f.rows, self.label(field), field); });
    if (this.family().fields.indexOf(rows) >= 0) f.rows.value = rows;
    this.fillOthers();
  };

  /* The second field and the group to keep: every field but the rows' one. */
  Explorer.prototype.fillOthers = function () {
    var self = this, f = this.form, fam = this.family(), data = this.data;
    var cols = f.cols.value, where = f.where.value;
    f.cols.innerHTML = "";
    f.where.innerHTML = "";
    option(f.cols, "(no second field)", "");
    option(f.where, "everyone in the table", KEEP_ALL);
    fam.fields.forEach(function (field) {
      if (field === f.rows.value) return;
      option(f.cols, self.label(field), field);
      var group = document.createElement("optgroup");
      group.label = self.label(field);
      data.fields[field].values.forEach(function (value, k) {
        option(group, value, field + "=" + k);
      });
      f.where.appendChild(group);
    });
    f.cols.value = cols;
    if (f.cols.selectedIndex < 0) f.cols.value = "";
    f.where.value = where;
    if (f.where.selectedIndex < 0) f.where.value = KEEP_ALL;
  };

  /* The view the form names, and whether it is stored the other way round (rows as columns). */
  Explorer.prototype.view = function () {
    var f = this.form, fam = this.family().key, rows = f.rows.value, cols = f.cols.value;
    var where = "", value = "";
    if (f.where.value) {
      var parts = f.where.value.split("=");
      where = parts[0];
      value = parts[1];
    }
    var key = [fam, rows, cols, where, value].join("|");
    if (this.data.views[key]) return { key: key, view: this.data.views[key], turned: false };
    var back = [fam, cols, rows, where, value].join("|");
    return { key: back, view: this.data.views[back], turned: true };
  };

  function turn(grid) {
    return grid[0].map(function (_, j) { return grid.map(function (row) { return row[j]; }); });
  }

  Explorer.prototype.describe = function () {
    var f = this.form, data = this.data;
    var text = this.family().label + ", by " + lower(this.label(f.rows.value));
    if (f.cols.value) text += " and " + lower(this.label(f.cols.value));
    if (f.where.value) {
      var parts = f.where.value.split("=");
      text += "; only " + lower(this.label(parts[0])) + ": " +
        data.fields[parts[0]].values[Number(parts[1])];
    }
    return text;
  };

  /* Which children the rates divide by, in words. */
  Explorer.prototype.denominator = function () {
    var f = this.form, data = this.data, used = [f.rows.value, f.cols.value];
    if (f.where.value) used.push(f.where.value.split("=")[0]);
    var nouns = used.filter(function (field) { return field && data.fields[field].child; })
      .map(function (field) { return data.fields[field].noun; });
    var words = "children aged 0 to 17 in Brackenfold";
    return nouns.length ? words + " with the same " + nouns.join(" and ") : words;
  };

  Explorer.prototype.table = function (kind, grid, rowField, colField, what) {
    var data = this.data, fam = this.family();
    var table = document.createElement("table");
    table.className = "childinfo-explorer-table";
    var caption = table.createCaption();
    caption.textContent = (kind === "n" ? "Counts of " + lower(fam.unit) :
      "Rates per 10,000 " + this.denominator()) + ": " + what +
      ". Brackenfold, synthetic data. c = hidden to protect children.";
    var rowValues = data.fields[rowField].values.concat(["Total"]);
    var colValues = colField ? data.fields[colField].values.slice() : [fam.unit];
    if (grid[0].length > colValues.length) colValues.push("Total");
    var head = table.createTHead().insertRow();
    var corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = this.label(rowField);
    head.appendChild(corner);
    colValues.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = kind === "r" && !colField ? "Rate" : name;
      head.appendChild(th);
    });
    var body = table.createTBody();
    grid.forEach(function (cells, i) {
      var tr = body.insertRow();
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = rowValues[i];
      tr.appendChild(th);
      cells.forEach(function (cell) {
        var td = tr.insertCell();
        td.textContent = typeof cell === "number" ? cell.toLocaleString("en-GB") : cell;
        if (cell === "c") td.className = "childinfo-explorer-hidden";
      });
    });
    return table;
  };

  Explorer.prototype.draw = function () {
    var f = this.form, found = this.view(), view = found.view, what = this.describe();
    this.results.innerHTML = "";
    if (!view) {
      this.summary.textContent = what + ". This table is not offered.";
      return;
    }
    var rowField = f.rows.value, colField = f.cols.value || null;
    var counts = found.turned ? turn(view.n) : view.n;
    var rates = found.turned ? turn(view.r) : view.r;
    this.results.appendChild(this.table("n", counts, rowField, colField, what));
    this.results.appendChild(this.table("r", rates, rowField, colField, what));
    var small = "1 to " + (this.data.threshold - 1);
    var words;
    if (!view.p && !view.s) {
      words = "No count is from " + small + ", so nothing is hidden.";
    } else {
      words = view.p + (view.p === 1 ? " count" : " counts") + " of " + small +
        " hidden (c)";
      words += view.s ? ", and " + view.s + " more so that the totals cannot give " +
        (view.p === 1 ? "it" : "them") + " away." : ".";
    }
    if (view.z) {
      words += " Zeros are hidden too in this table: with zeros shown, a small total would " +
        "have nothing beside it to hide, so a c here may also be 0.";
    }
    this.summary.textContent = what + ". " + words;
    this.shown = found.key;
  };

  function start() {
    var source = document.getElementById("childinfo-explorer-data");
    var root = document.querySelector(".childinfo-explorer");
    if (source && root) {
      window.childinfoExplorer = new Explorer(root, JSON.parse(source.textContent));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
