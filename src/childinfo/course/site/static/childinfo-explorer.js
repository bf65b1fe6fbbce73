/* Ask your own question of Brackenfold: counts and rates per 10,000, safely suppressed.
 *
 * The counts are computed when the book is built (childinfo.course.site.explorer) and embedded in the
 * page, so this works offline and from file://. The suppression mirrors
 * childinfo.toolkit.disclosure.secondary_suppression step by step; tests/site/test_explorer.py checks
 * that both hide the same cells. The toolkit plays the intruder with a linear programme; here
 * the same question ("can this hidden cell be worked out exactly from the totals?") is answered
 * on the graph of hidden cells: a cell can move only around a cycle of hidden cells that
 * alternately go up and down, without any cell going below zero.
 */
(function (global) {
  "use strict";

  function grid(nrow, ncol, value) {
    var out = [];
    for (var i = 0; i < nrow; i++) {
      out.push([]);
      for (var j = 0; j < ncol; j++) out[i].push(value);
    }
    return out;
  }

  function copy(mask) { return mask.map(function (row) { return row.slice(); }); }

  /* Counts from 1 to threshold - 1 are too small to publish (zeros are published). */
  function primarySuppression(values, threshold) {
    return values.map(function (row) {
      return row.map(function (v) { return v >= 1 && v < threshold; });
    });
  }

  /* A row total of a one-column table is the cell itself, so it is never published. */
  function whichTotals(nrow, ncol, rowTotals, columnTotals) {
    return { rows: rowTotals && ncol > 1, cols: columnTotals && nrow > 1 };
  }

  /* Is hidden cell t = [i, j] pinned to one value by the published totals?
   * Nodes are rows and columns (one merged node for a side whose totals are not published);
   * each hidden cell is an edge. The cell can go up if a path leads from its column back to
   * its row, stepping column -> row only through cells above zero (they go down); it can go
   * down (if above zero) by a path stepping row -> column only through cells above zero. */
  function isPinned(values, mask, rows, cols, grand, t) {
    if (!rows && !cols && !grand) return false; // nothing published constrains it
    var edges = [];
    for (var i = 0; i < mask.length; i++) {
      for (var j = 0; j < mask[i].length; j++) {
        if (mask[i][j] && !(i === t[0] && j === t[1])) {
          edges.push({ r: rows ? "r" + i : "r", c: cols ? "c" + j : "c",
                       positive: values[i][j] > 0 });
        }
      }
    }
    var from = cols ? "c" + t[1] : "c", to = rows ? "r" + t[0] : "r";
    function reachable(colToRowNeedsPositive) {
      var seen = {}, queue = [from];
      seen[from] = true;
      while (queue.length) {
        var node = queue.shift();
        if (node === to) return true;
        for (var k = 0; k < edges.length; k++) {
          var e = edges[k], next = null;
          if (e.c === node && (!colToRowNeedsPositive || e.positive)) next = e.r;
          else if (e.r === node && (colToRowNeedsPositive || e.positive)) next = e.c;
          if (next !== null && !seen[next]) { seen[next] = true; queue.push(next); }
        }
      }
      return false;
    }
    if (reachable(true)) return false; // it can go up
    if (values[t[0]][t[1]] > 0 && reachable(false)) return false; // it can go down
    return true;
  }

  function hiddenCells(mask) {
    var out = [];
    for (var i = 0; i < mask.length; i++) {
      for (var j = 0; j < mask[i].length; j++) if (mask[i][j]) out.push([i, j]);
    }
    return out;
  }

  function countIn(mask, i, j) {
    var n = 0, k;
    for (k = 0; k < mask[i].length; k++) n += mask[i][k] ? 1 : 0;
    for (k = 0; k < mask.length; k++) n += mask[k][j] ? 1 : 0;
    return n;
  }

  /* The toolkit's order of preference: non-zero cells, then small ones, then cells whose other
   * line already has a suppression, then position. */
  function costOf(values, mask, cell) {
    var v = values[cell[0]][cell[1]];
    return [v === 0 ? 1 : 0, v, -countIn(mask, cell[0], cell[1]), cell[0], cell[1]];
  }

  function compare(a, b) {
    for (var k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
    return 0;
  }

  function byCost(values, mask, cells) {
    return cells.filter(function (c) { return !mask[c[0]][c[1]]; })
      .map(function (c) { return { cell: c, cost: costOf(values, mask, c) }; })
      .sort(function (a, b) { return compare(a.cost, b.cost); })
      .map(function (x) { return x.cell; });
  }

  function cheapest(values, mask, cells) {
    var sorted = byCost(values, mask, cells);
    return sorted.length ? sorted[0] : null;
  }

  function allCells(nrow, ncol) {
    var out = [];
    for (var i = 0; i < nrow; i++) for (var j = 0; j < ncol; j++) out.push([i, j]);
    return out;
  }

  /* Add suppressions until no hidden cell can be worked out from the totals.
   * Mirrors childinfo.toolkit.disclosure.secondary_suppression; throws when no pattern is safe. */
  function secondarySuppression(values, primary, options) {
    options = options || {};
    var nrow = values.length, ncol = nrow ? values[0].length : 0;
    var totals = whichTotals(nrow, ncol, options.rowTotals !== false,
                             options.columnTotals !== false);
    var rows = totals.rows, cols = totals.cols, grand = options.grandTotal !== false;
    var mask = copy(primary);
    function pinnedCells(m) {
      return hiddenCells(m).filter(function (c) {
        return isPinned(values, m, rows, cols, grand, c);
      });
    }
    for (var step = 0; step < nrow * ncol + 1; step++) {
      if (!hiddenCells(mask).length) break;
      var lonely = null, i, j;
      if (rows) {
        for (i = 0; i < nrow && !lonely; i++) {
          if (mask[i].filter(Boolean).length === 1) {
            lonely = allCells(nrow, ncol).filter(function (c) { return c[0] === i; });
          }
        }
      }
      if (!lonely && cols) {
        for (j = 0; j < ncol && !lonely; j++) {
          if (mask.filter(function (row) { return row[j]; }).length === 1) {
            lonely = allCells(nrow, ncol).filter(function (c) { return c[1] === j; });
          }
        }
      }
      if (lonely) {
        var pick = cheapest(values, mask, lonely);
        if (!pick) break;
        mask[pick[0]][pick[1]] = true;
        continue;
      }
      var pinned = pinnedCells(mask);
      if (!pinned.length) return mask;
      var target = pinned[0], chosen = null;
      var candidates = byCost(values, mask, allCells(nrow, ncol));
      for (var k = 0; k < candidates.length; k++) {
        var trial = copy(mask);
        trial[candidates[k][0]][candidates[k][1]] = true;
        if (!isPinned(values, trial, rows, cols, grand, target)) { chosen = candidates[k]; break; }
      }
      if (!chosen) {
        chosen = cheapest(values, mask, allCells(nrow, ncol).filter(function (c) {
          return c[0] === target[0] || c[1] === target[1];
        }));
        if (!chosen) chosen = cheapest(values, mask, allCells(nrow, ncol));
      }
      if (!chosen) break;
      mask[chosen[0]][chosen[1]] = true;
    }
    if (hiddenCells(mask).length && pinnedCells(mask).length) {
      throw new Error("even with every cell suppressed, the totals still reveal a small count");
    }
    return mask;
  }

  /* ---------------------------------------------------------------- the page */

  function formatCount(n) { return n.toLocaleString("en-GB"); }
  function formatRate(count, population) {
    if (!population) return "z";
    return (10000 * count / population).toFixed(1);
  }

  function Explorer(root, data) {
    this.root = root;
    this.data = data;
    this.form = root.querySelector("form");
    this.summary = root.querySelector(".childinfo-explorer-summary");
    this.out = root.querySelector(".childinfo-explorer-tables");
    this.childFields = Object.keys(data.fields).filter(function (f) {
      return data.fields[f].child;
    });
    var self = this, tableSelect = this.form.table;
    data.tables.forEach(function (t, k) { tableSelect.add(new Option(t.label, String(k))); });
    tableSelect.addEventListener("change", function () { self.fillFields(); self.update(); });
    ["row", "col", "filter"].forEach(function (name) {
      self.form[name].addEventListener("change", function () { self.update(); });
    });
    this.fillFields();
    this.update();
  }

  Explorer.prototype.table = function () {
    return this.data.tables[Number(this.form.table.value)];
  };

  Explorer.prototype.label = function (field) {
    var t = this.table();
    return (t.labels && t.labels[field]) || this.data.fields[field].label;
  };

  Explorer.prototype.fillFields = function () {
    var self = this, t = this.table(), form = this.form;
    var keep = { row: form.row.value, col: form.col.value, filter: form.filter.value };
    [form.row, form.col, form.filter].forEach(function (s) { s.innerHTML = ""; });
    form.col.add(new Option("(no second field)", ""));
    form.filter.add(new Option("everyone in the table", ""));
    t.fields.forEach(function (f) {
      form.row.add(new Option(self.label(f), f));
      form.col.add(new Option(self.label(f), f));
      var group = document.createElement("optgroup");
      group.label = self.label(f);
      self.data.fields[f].values.forEach(function (v, k) {
        group.appendChild(new Option(v, f + "=" + k));
      });
      form.filter.appendChild(group);
    });
    function restore(select, value, fallback) {
      var known = Array.prototype.some.call(select.options, function (o) {
        return o.value === value;
      });
      select.value = known ? value : fallback;
    }
    restore(form.row, keep.row, t.fields[1] || t.fields[0]);
    restore(form.col, keep.col, "");
    restore(form.filter, keep.filter, "");
  };

  /* Counts and populations for the chosen grouping. */
  Explorer.prototype.compute = function (t, rowField, colField, filter) {
    var data = this.data, fields = data.fields;
    function values(field) {
      if (!field) return [null];
      var all = fields[field].values.map(function (_, k) { return k; });
      return filter && filter.field === field ? [filter.index] : all;
    }
    var rowVals = values(rowField), colVals = values(colField);
    var used = t.fields.filter(function (f) {
      return f === rowField || f === colField || (filter && f === filter.field);
    });
    var counts = grid(rowVals.length, colVals.length, 0);
    (t.cubes[used.join("|")] || []).forEach(function (entry) {
      var at = {};
      used.forEach(function (f, k) { at[f] = entry[k]; });
      if (filter && at[filter.field] !== filter.index) return;
      var i = rowVals.indexOf(rowField ? at[rowField] : null);
      var j = colVals.indexOf(colField ? at[colField] : null);
      if (i >= 0 && j >= 0) counts[i][j] += entry[entry.length - 1];
    });
    // The denominator: children aged 0 to 17 who share the group's child fields.
    var childUsed = this.childFields.filter(function (f) { return used.indexOf(f) >= 0; });
    var popCube = data.population[childUsed.join("|")];
    function population(rowValue, colValue) {
      var total = 0;
      popCube.forEach(function (entry) {
        var at = {};
        childUsed.forEach(function (f, k) { at[f] = entry[k]; });
        if (filter && filter.field in at && at[filter.field] !== filter.index) return;
        if (rowValue !== null && rowField in at && at[rowField] !== rowValue) return;
        if (colValue !== null && colField in at && at[colField] !== colValue) return;
        total += entry[entry.length - 1];
      });
      return total;
    }
    return {
      rowVals: rowVals, colVals: colVals, counts: counts,
      pop: rowVals.map(function (r) {
        return colVals.map(function (c) { return population(r, c); });
      }),
      rowPop: rowVals.map(function (r) { return population(r, null); }),
      colPop: colVals.map(function (c) { return population(null, c); }),
      allPop: population(null, null)
    };
  };

  Explorer.prototype.update = function () {
    var form = this.form, t = this.table(), data = this.data;
    var rowField = form.row.value, colField = form.col.value || null;
    if (colField === rowField) colField = null;
    var filter = null;
    if (form.filter.value) {
      var parts = form.filter.value.split("=");
      filter = { field: parts[0], index: Number(parts[1]) };
    }
    var r = this.compute(t, rowField, colField, filter);
    var nrow = r.rowVals.length, ncol = r.colVals.length;
    var primary = primarySuppression(r.counts, data.threshold), mask, unsafe = false;
    try {
      mask = secondarySuppression(r.counts, primary);
    } catch (error) {
      unsafe = true;
      mask = grid(nrow, ncol, true);
    }
    var nPrimary = hiddenCells(primary).length, nAll = hiddenCells(mask).length;
    var label = this.label.bind(this);
    function lower(text) { return text.charAt(0).toLowerCase() + text.slice(1); }
    var what = t.label + ", by " + lower(label(rowField)) +
      (colField ? " and " + lower(label(colField)) : "") +
      (filter ? "; only " + lower(label(filter.field)) + ": " +
        data.fields[filter.field].values[filter.index] : "");
    function name(field, k) { return field ? data.fields[field].values[k] : "All"; }
    var showRowTotal = ncol > 1 && !unsafe, showColTotal = nrow > 1 && !unsafe;
    var self = this;
    function build(kind) {
      var table = document.createElement("table");
      table.className = "childinfo-explorer-table";
      var caption = table.createCaption();
      caption.textContent = (kind === "count" ? "Counts of " + t.unit
        : "Rate per 10,000 children aged 0 to 17") +
        ": " + what + ". Brackenfold, synthetic data. c = hidden to protect children.";
      var head = table.createTHead().insertRow();
      var corner = document.createElement("th");
      corner.scope = "col";
      corner.textContent = label(rowField);
      head.appendChild(corner);
      r.colVals.forEach(function (c) {
        var th = document.createElement("th");
        th.scope = "col";
        var unit = t.unit[0].toUpperCase() + t.unit.slice(1);
        th.textContent = colField ? name(colField, c) : (kind === "count" ? unit : "Rate");
        head.appendChild(th);
      });
      if (showRowTotal) {
        var tt = document.createElement("th");
        tt.scope = "col";
        tt.textContent = "Total";
        head.appendChild(tt);
      }
      var body = table.createTBody();
      function addRow(title, cells) {
        var tr = body.insertRow(), th = document.createElement("th");
        th.scope = "row";
        th.textContent = title;
        tr.appendChild(th);
        cells.forEach(function (text) { var td = tr.insertCell(); td.textContent = text; });
      }
      function cell(count, population, hidden) {
        if (hidden) return "c";
        return kind === "count" ? formatCount(count) : formatRate(count, population);
      }
      var colTotals = r.colVals.map(function (_, j) {
        return r.counts.reduce(function (s, row) { return s + row[j]; }, 0);
      });
      var grandTotal = colTotals.reduce(function (a, b) { return a + b; }, 0);
      r.rowVals.forEach(function (rv, i) {
        var cells = r.colVals.map(function (_, j) {
          return cell(r.counts[i][j], r.pop[i][j], mask[i][j]);
        });
        if (showRowTotal) {
          var total = r.counts[i].reduce(function (a, b) { return a + b; }, 0);
          cells.push(cell(total, r.rowPop[i], false));
        }
        addRow(name(rowField, rv), cells);
      });
      if (showColTotal) {
        var cells = r.colVals.map(function (_, j) {
          return cell(colTotals[j], r.colPop[j], false);
        });
        if (showRowTotal) cells.push(cell(grandTotal, r.allPop, false));
        addRow("Total", cells);
      }
      return table;
    }
    this.out.innerHTML = "";
    this.out.appendChild(build("count"));
    this.out.appendChild(build("rate"));
    var words = nrow + (nrow === 1 ? " row" : " rows") + " by " + ncol +
      (ncol === 1 ? " column. " : " columns. ");
    if (unsafe) {
      words += "This table cannot be published safely: even with every cell hidden, " +
        "a total would give " +
        "away a count below " + data.threshold + ". Choose broader groups.";
    } else if (!nAll) {
      words += "No count is below " + data.threshold + ", so nothing is hidden.";
    } else {
      words += nPrimary + (nPrimary === 1 ? " count" : " counts") + " of 1 to " +
        (data.threshold - 1) + " hidden (c)" +
        (nAll > nPrimary ? ", and " + (nAll - nPrimary) + " more hidden so the totals " +
        "cannot give them away." : ".");
    }
    this.summary.textContent = what + ". " + words;
    this.last = { counts: r.counts, mask: mask, primary: primary, unsafe: unsafe };
  };

  global.ChildinfoExplorer = {
    primarySuppression: primarySuppression,
    secondarySuppression: secondarySuppression,
    isPinned: isPinned,
    Explorer: Explorer
  };

  function start() {
    var source = document.getElementById("childinfo-explorer-data");
    var root = document.querySelector(".childinfo-explorer");
    if (source && root) {
      global.childinfoExplorer = new Explorer(root, JSON.parse(source.textContent));
    }
  }
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})(this);
