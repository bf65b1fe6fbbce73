/* Practitioner tasks and the learning record (childinfo.course.site.practice).
 *
 * Each <section data-practice> holds its data as JSON; this script draws its controls, gives
 * feedback in the section's live region and keeps the answer in this browser's localStorage
 * only. Nothing is sent anywhere and nothing is fetched, so a page works from file:// too.
 */
(function () {
  "use strict";
  var KEY = "childinfo-learning-record";

  // ------------------------------------------------------------------ storage
  function load() {
    try {
      var rec = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (rec && rec.tasks) { rec.reflections = rec.reflections || {}; return rec; }
    } catch (e) { /* storage blocked or damaged: start afresh */ }
    return { version: 1, role: "", tasks: {}, reflections: {} };
  }
  function save(rec) {
    try { window.localStorage.setItem(KEY, JSON.stringify(rec)); return true; }
    catch (e) { return false; }
  }
  function keep(data, entry) {
    var rec = load();
    entry.id = data.id; entry.unit = data.unit; entry.kind = data.kind;
    entry.objective = data.objective; entry.title = data.title; entry.prompt = data.prompt;
    entry.minutes = data.minutes; entry.page = document.title.split(" — ")[0];
    entry.href = window.location.pathname.split("/").slice(-2).join("/");
    entry.date = new Date().toISOString().slice(0, 10);
    rec.tasks[data.id] = entry;
    save(rec);
  }

  // ------------------------------------------------------------------ small helpers
  var uid = 0;
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function button(label, onClick) {
    var b = el("button", { type: "button", "class": "practice-button", text: label });
    b.addEventListener("click", onClick);
    return b;
  }
  function say(section, lines) {
    var box = section.querySelector(".practice-feedback");
    box.textContent = "";
    lines.forEach(function (line) { box.appendChild(el("p", { text: line })); });
    return lines.join(" ");
  }
  function textarea(body, label, value) {
    var id = "practice-text-" + (++uid);
    body.appendChild(el("label", { "for": id, text: label }));
    var t = el("textarea", { id: id, rows: "3", "class": "practice-text" });
    t.value = value || "";
    body.appendChild(t);
    return t;
  }
  function kappa(a, b) {
    var n = a.length, agree = 0, pa = 0, pb = 0;
    for (var i = 0; i < n; i++) { agree += a[i] === b[i] ? 1 : 0; pa += a[i]; pb += b[i]; }
    if (!n) { return NaN; }
    var po = agree / n, pe = (pa / n) * (pb / n) + (1 - pa / n) * (1 - pb / n);
    return pe === 1 ? 1 : (po - pe) / (1 - pe);
  }
  function fmt(x) { return isNaN(x) ? "not defined" : x.toFixed(2); }

  // ------------------------------------------------------------------ the kinds
  var KINDS = {};

  KINDS.predict = function (s, d, body, old) {
    var id = "practice-in-" + d.id;
    body.appendChild(el("label", { "for": id, text: "My estimate" + (d.unit_label ? " (" + d.unit_label + ")" : "") }));
    var input = el("input", { id: id, type: "number", step: "any", inputmode: "decimal", "class": "practice-number" });
    if (old) { input.value = old.state; }
    body.appendChild(input);
    body.appendChild(button("Commit my estimate", function () {
      if (input.value === "") { say(s, ["Type an estimate first."]); return; }
      var guess = parseFloat(input.value), gap = Math.abs(guess - d.value) / (Math.abs(d.value) || 1);
      var verdict = gap <= (d.close || 0.1) ? "Close: within " + Math.round(100 * (d.close || 0.1)) + "% of it." :
        (guess < d.value ? "Lower than Brackenfold's figure." : "Higher than Brackenfold's figure.");
      var text = say(s, ["Your estimate: " + guess + ". Brackenfold: " + d.answer + ". " + verdict, d.reveal]);
      keep(d, { answer: "Estimate " + guess + "; Brackenfold " + d.answer, feedback: text, state: input.value });
    }));
  };

  KINDS.decide = function (s, d, body, old) {
    var fs = el("fieldset", {}, [el("legend", { text: "Choose one" })]);
    var radios = d.options.map(function (o, i) {
      var id = "practice-opt-" + d.id + "-" + i;
      var r = el("input", { type: "radio", name: "practice-" + d.id, id: id, value: String(i) });
      if (old && old.state && old.state.choice === i) { r.checked = true; }
      fs.appendChild(el("div", { "class": "practice-option" }, [r, el("label", { "for": id, text: o.text })]));
      return r;
    });
    body.appendChild(fs);
    var why = textarea(body, "Why? One sentence", old && old.state && old.state.why);
    body.appendChild(button("Check my choice", function () {
      var choice = radios.findIndex(function (r) { return r.checked; });
      if (choice < 0) { say(s, ["Choose an option first."]); return; }
      var o = d.options[choice];
      var lines = [(o.correct ? "A good choice. " : "Think again. ") + "You chose: " + o.text + "."];
      d.options.forEach(function (x) { lines.push((x.correct ? "Good: " : "Weaker: ") + x.text + ": " + x.feedback); });
      lines.push("Model answer: " + d.model);
      var text = say(s, lines);
      keep(d, { answer: o.text, note: why.value, feedback: text, state: { choice: choice, why: why.value } });
    }));
  };

  KINDS["code-voice"] = function (s, d, body, old) {
    var boxes = d.extracts.map(function (x, i) {
      var fs = el("fieldset", { "class": "practice-extract" }, [el("legend", { text: "Extract " + (i + 1) + ": \u201c" + x.text + "\u201d" })]);
      var row = d.themes.map(function (t) {
        var id = "practice-th-" + d.id + "-" + i + "-" + t.code;
        var c = el("input", { type: "checkbox", id: id, value: t.code });
        if (old && old.state && old.state[i] && old.state[i].indexOf(t.code) >= 0) { c.checked = true; }
        fs.appendChild(el("span", { "class": "practice-theme" }, [c, el("label", { "for": id, text: t.label })]));
        return c;
      });
      body.appendChild(fs);
      return row;
    });
    body.appendChild(button("Compare my coding", function () {
      var mine = [], truth = [], second = [], state = [];
      boxes.forEach(function (row, i) {
        state.push([]);
        row.forEach(function (c, j) {
          var code = d.themes[j].code;
          if (c.checked) { state[i].push(code); }
          mine.push(c.checked ? 1 : 0);
          truth.push(d.extracts[i].truth.indexOf(code) >= 0 ? 1 : 0);
          second.push(d.extracts[i].second.indexOf(code) >= 0 ? 1 : 0);
        });
      });
      var lines = [
        "Your agreement with the teaching-only truth: kappa " + fmt(kappa(mine, truth)) + " over " + mine.length + " decisions.",
        "Your agreement with the second coder (the toolkit's keyword coder): kappa " + fmt(kappa(mine, second)) + ".",
        "The second coder's agreement with the truth: kappa " + fmt(kappa(second, truth)) + ". Above 0.6 is usually called substantial."
      ];
      d.extracts.forEach(function (x, i) {
        var label = function (codes) {
          return codes.length ? codes.map(function (c) { return d.themes.find(function (t) { return t.code === c; }).label; }).join(", ") : "none";
        };
        lines.push("Extract " + (i + 1) + ": you " + label(state[i]) + "; truth " + label(x.truth) + "; second coder " + label(x.second) + ".");
      });
      if (d.explain) { lines.push(d.explain); }
      var text = say(s, lines);
      keep(d, { answer: lines[0], feedback: text, state: state });
    }));
  };

  KINDS.spot = function (s, d, body, old) {
    var table = el("table", { "class": "practice-table" });
    if (d.table.caption) { table.appendChild(el("caption", { text: d.table.caption })); }
    if (d.table.columns) {
      table.appendChild(el("thead", {}, [el("tr", {}, d.table.columns.map(function (c) { return el("th", { scope: "col", text: c }); }))]));
    }
    var tb = el("tbody");
    d.table.rows.forEach(function (row, r) {
      tb.appendChild(el("tr", {}, row.map(function (cell, c) {
        var b = button(String(cell), function () {
          var right = r === d.fault[0] && c === d.fault[1];
          var text = say(s, [right ? "Yes: that is the problem. " + d.explain :
            "Not that one. " + (d.hint || "Look for the cell a careful reader would question.")]);
          keep(d, { answer: "Clicked: " + cell + (right ? " (the planted problem)" : ""), feedback: text, state: [r, c] });
        });
        b.setAttribute("aria-label", (d.table.columns ? d.table.columns[c] + ": " : "") + cell);
        return el("td", {}, [b]);
      })));
    });
    table.appendChild(tb);
    body.appendChild(el("p", { "class": "practice-hint", text: "Choose the cell that is the problem." }));
    body.appendChild(el("div", { "class": "practice-scroll" }, [table]));
  };

  KINDS.suppress = function (s, d, body, old) {
    var ncol = d.columns.length, hidden = (old && old.state) || d.values.flat().map(function () { return 0; });
    var table = el("table", { "class": "practice-table" });
    table.appendChild(el("caption", { text: d.caption || "Children (synthetic) by row and column, with the totals that will be published" }));
    table.appendChild(el("thead", {}, [el("tr", {}, [el("td")].concat(d.columns.map(function (c) { return el("th", { scope: "col", text: c }); }), [el("th", { scope: "col", text: "Total" })]))]));
    var tb = el("tbody");
    d.rows.forEach(function (rname, i) {
      var cells = d.values[i].map(function (v, j) {
        var k = i * ncol + j;
        // A toggle button: pressed means hidden (shown struck through on a dark cell).
        var b = el("button", { type: "button", "class": "practice-cell", "aria-pressed": hidden[k] ? "true" : "false",
          "aria-label": "Hide " + rname + ", " + d.columns[j] + ": " + v, text: String(v) });
        b.addEventListener("click", function () {
          hidden[k] = hidden[k] ? 0 : 1;
          b.setAttribute("aria-pressed", hidden[k] ? "true" : "false");
        });
        return el("td", {}, [b]);
      });
      tb.appendChild(el("tr", {}, [el("th", { scope: "row", text: rname })].concat(cells, [el("td", { text: String(d.row_totals[i]) })])));
    });
    tb.appendChild(el("tr", {}, [el("th", { scope: "row", text: "Total" })].concat(
      d.column_totals.map(function (t) { return el("td", { text: String(t) }); }), [el("td", { text: String(d.total) })])));
    table.appendChild(tb);
    body.appendChild(el("p", { "class": "practice-hint", text: "Press a cell to hide it (press again to show it); a hidden cell is dark and struck through. Counts from 1 to " + (d.threshold - 1) + " must not be published; the totals are published." }));
    body.appendChild(el("div", { "class": "practice-scroll" }, [table]));
    function name(k) { return d.rows[Math.floor(k / ncol)] + ", " + d.columns[k % ncol]; }
    body.appendChild(button("Check my table", function () {
      var shown = d.primary.filter(function (k) { return !hidden[k]; });
      var lines;
      if (shown.length) {
        lines = ["Not safe yet: " + shown.map(function (k) { return name(k) + " (" + d.values.flat()[k] + ")"; }).join("; ") + (shown.length > 1 ? " are" : " is") + " below " + d.threshold + " and still published."];
      } else {
        // [cell, lowest, highest]: what the totals tell a reader about each unsafe hidden cell
        var out = d.unsafe[hidden.join("")] || [];
        if (out.length) {
          lines = ["Not safe yet: the totals give away " + out.map(function (u) { return name(u[0]) + (u[1] === u[2] ? " (it must be " + u[1] + ")" : " (it must be " + u[1] + " to " + u[2] + ", a count below " + d.threshold + ")"); }).join("; ") + ". Hide another cell in the same row and column."];
        } else {
          var n = hidden.reduce(function (a, b) { return a + b; }, 0);
          lines = ["Safe: the totals tell a reader neither a hidden count nor that it is small. You hid " + n + " cells; the toolkit's secondary suppression hides " + d.toolkit.length + " (" + d.toolkit.map(name).join("; ") + ")."];
        }
      }
      if (d.explain) { lines.push(d.explain); }
      var text = say(s, lines);
      keep(d, { answer: "Hid " + hidden.map(function (h, k) { return h ? name(k) : null; }).filter(Boolean).join("; "), feedback: text, state: hidden.slice() });
    }));
  };

  KINDS.order = function (s, d, body, old) {
    var order = (old && old.state) || d.start.slice();
    var list = el("ol", { "class": "practice-order" });
    body.appendChild(list);
    function draw(focusIndex, which) {
      list.textContent = "";
      order.forEach(function (step, pos) {
        var up = button("Move up", function () { move(pos, -1, "up"); });
        var down = button("Move down", function () { move(pos, 1, "down"); });
        up.setAttribute("aria-label", "Move up: " + d.steps[step]);
        down.setAttribute("aria-label", "Move down: " + d.steps[step]);
        if (pos === 0) { up.disabled = true; }
        if (pos === order.length - 1) { down.disabled = true; }
        list.appendChild(el("li", {}, [el("span", { text: d.steps[step] + " " }), up, down]));
        if (pos === focusIndex) { (which === "up" && !up.disabled ? up : (down.disabled ? up : down)).focus(); }
      });
    }
    function move(pos, by, which) {
      var t = order[pos]; order[pos] = order[pos + by]; order[pos + by] = t;
      draw(pos + by, which);
    }
    draw(-1);
    body.appendChild(button("Check the order", function () {
      var right = order.filter(function (step, pos) { return step === pos; }).length;
      var lines = [right + " of " + order.length + " steps are in the right place." + (right === order.length ? " Well done." : ""),
        "The order: " + d.steps.map(function (x, i) { return (i + 1) + ". " + x; }).join(" "), d.explain];
      var text = say(s, lines);
      keep(d, { answer: order.map(function (i) { return d.steps[i]; }).join(" / "), feedback: text, state: order.slice() });
    }));
  };

  KINDS.draft = function (s, d, body, old) {
    var t = textarea(body, d.label || "My draft", old && old.state && old.state.text);
    var list = el("ul", { "class": "practice-checklist", hidden: "hidden" });
    var ticks = d.checklist.map(function (item, i) {
      var id = "practice-ck-" + d.id + "-" + i;
      var c = el("input", { type: "checkbox", id: id });
      if (old && old.state && old.state.ticks && old.state.ticks[i]) { c.checked = true; }
      c.addEventListener("change", store);
      list.appendChild(el("li", {}, [c, el("label", { "for": id, text: item })]));
      return c;
    });
    function store(text) {
      var done = ticks.filter(function (c) { return c.checked; }).length;
      keep(d, { answer: t.value, note: "Checklist: " + done + " of " + ticks.length + " met", feedback: typeof text === "string" ? text : "",
        state: { text: t.value, ticks: ticks.map(function (c) { return c.checked; }) } });
    }
    body.appendChild(button("Compare with the model answer", function () {
      if (!t.value.trim()) { say(s, ["Write your draft first."]); return; }
      list.hidden = false;
      store(say(s, ["Model answer: " + d.model, "Now tick each point on the checklist below that your draft meets."]));
    }));
    body.appendChild(el("p", { "class": "practice-hint", text: "Checklist (shown after you compare):" }));
    body.appendChild(list);
    if (old && old.state && old.state.text) { list.hidden = false; }
  };

  function setup(section) {
    var d = JSON.parse(section.querySelector(".practice-data").textContent);
    var body = section.querySelector(".practice-body");
    body.textContent = "";
    var old = load().tasks[d.id];
    KINDS[d.kind](section, d, body, old);
    if (old && old.feedback) {
      var box = section.querySelector(".practice-feedback");
      box.appendChild(el("p", { text: "Your saved answer (" + old.date + "): " + (old.answer || "") }));
    }
  }

  // ------------------------------------------------------------------ the learning record
  var UNITS = ["0", "tour", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
  var ROLES = ["Social worker", "Early Help practitioner", "Early Years practitioner", "Analyst",
    "Manager", "Information governance lead", "Other"];
  function unitName(u) { return u === "0" ? "Unit 0: a first look" : u === "tour" ? "The Brackenfold tour" : "Unit " + u; }

  function recordRoot(root) {
    root.textContent = "";
    var rec = load();
    var roleId = "record-role";
    var role = el("select", { id: roleId });
    [""].concat(ROLES).forEach(function (r) {
      var o = el("option", { value: r, text: r || "Choose your role" });
      if (r === rec.role) { o.selected = true; }
      role.appendChild(o);
    });
    role.addEventListener("change", function () { var r = load(); r.role = role.value; save(r); });
    var status = el("p", { role: "status", "aria-live": "polite", "class": "practice-feedback" });
    root.appendChild(el("div", { "class": "record-tools" }, [
      el("label", { "for": roleId, text: "My role " }), role,
      button("Download as a Word document", function () {
        exportDocx(load()); status.textContent = "Your record was saved as learning-record.docx.";
      }),
      button("Print or save as PDF", function () { window.print(); }),
      button("Wipe my record from this browser", function () {
        if (!window.confirm("Delete every answer and reflection kept in this browser? This cannot be undone.")) { return; }
        try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
        recordRoot(root);
        root.querySelector(".practice-feedback").textContent = "Your record has been wiped from this browser.";
      })
    ]));
    root.appendChild(status);
    var total = 0;
    UNITS.forEach(function (u) {
      var tasks = Object.keys(rec.tasks).map(function (k) { return rec.tasks[k]; })
        .filter(function (t) { return t.unit === u; })
        .sort(function (a, b) { return a.id.localeCompare(b.id, "en", { numeric: true }); });
      var refl = rec.reflections[u] || {};
      var sec = el("section", { "class": "record-unit", "data-record-unit": u }, [el("h2", { text: unitName(u) })]);
      if (tasks.length) {
        var minutes = tasks.reduce(function (a, t) { return a + (t.minutes || 0); }, 0);
        total += minutes;
        sec.appendChild(el("p", { text: tasks.length + " tasks done, about " + minutes + " minutes. Page: " + tasks[0].page + "." }));
        var dl = el("dl", { "class": "record-tasks" });
        tasks.forEach(function (t) {
          dl.appendChild(el("dt", { text: "Task " + t.id + ": " + t.title + " (" + t.date + ", about " + t.minutes + " minutes; objective " + t.objective + ")" }));
          dl.appendChild(el("dd", { "data-record-task": t.id, text: t.answer + (t.note ? " Why / notes: " + t.note : "") }));
        });
        sec.appendChild(dl);
      } else {
        sec.appendChild(el("p", { text: "No tasks done yet in this unit." }));
      }
      [["reflect", "What I learned and what I will do differently (reflective)"],
       ["practice", "How this links to my practice: a decision, record or report of mine it changes"],
       ["peer", "Peer reflection: what I discussed with a colleague or supervisor, and what changed (no names)"]
      ].forEach(function (f) {
        var t = textarea(sec, f[1], refl[f[0]]);
        t.addEventListener("change", function () {
          var r = load(); r.reflections[u] = r.reflections[u] || {};
          r.reflections[u][f[0]] = t.value; r.reflections[u].date = new Date().toISOString().slice(0, 10);
          save(r);
        });
      });
      root.appendChild(sec);
    });
    root.insertBefore(el("p", { "class": "record-total", text: "Time recorded on tasks: about " + total + " minutes." }), status);
  }

  // A Word document is a zip of XML files; this writes one uncompressed (stored) zip.
  var CRC = (function () {
    var t = [];
    for (var n = 0; n < 256; n++) { var c = n; for (var k = 0; k < 8; k++) { c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; } t[n] = c >>> 0; }
    return t;
  })();
  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) { c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8); }
    return (c ^ 0xFFFFFFFF) >>> 0;
  }
  function zip(files) {
    var enc = new TextEncoder(), parts = [], central = [], offset = 0;
    function le(n, size) { var a = []; for (var i = 0; i < size; i++) { a.push((n >>> (8 * i)) & 0xFF); } return a; }
    files.forEach(function (f) {
      var name = enc.encode(f.name), data = enc.encode(f.text), crc = crc32(data);
      var head = [].concat(le(0x04034b50, 4), le(20, 2), le(0x0800, 2), le(0, 2), le(0, 4), le(crc, 4),
        le(data.length, 4), le(data.length, 4), le(name.length, 2), le(0, 2));
      parts.push(new Uint8Array(head), name, data);
      central.push(new Uint8Array([].concat(le(0x02014b50, 4), le(20, 2), le(20, 2), le(0x0800, 2), le(0, 2), le(0, 4),
        le(crc, 4), le(data.length, 4), le(data.length, 4), le(name.length, 2), le(0, 2), le(0, 2), le(0, 2), le(0, 2),
        le(0, 4), le(offset, 4))), name);
      offset += head.length + name.length + data.length;
    });
    var size = central.reduce(function (a, p) { return a + p.length; }, 0);
    var end = new Uint8Array([].concat(le(0x06054b50, 4), le(0, 2), le(0, 2), le(files.length, 2), le(files.length, 2),
      le(size, 4), le(offset, 4), le(0, 2)));
    return new Blob(parts.concat(central, [end]), { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }
  function xml(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function para(text, style) {
    return "<w:p>" + (style ? "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>" : "") +
      "<w:r><w:t xml:space=\"preserve\">" + xml(text) + "</w:t></w:r></w:p>";
  }
  function docxText(rec) {
    var out = [para("My learning record: Ethical and effective use of children's information", "Title"),
      para("Role: " + (rec.role || "not given") + ". Exported " + new Date().toISOString().slice(0, 10) + "."),
      para("Evidence of continuing professional development: tasks done, reflections on them, how they link to practice and what was discussed with peers. It holds no information about any real child or family.")];
    UNITS.forEach(function (u) {
      var tasks = Object.keys(rec.tasks).map(function (k) { return rec.tasks[k]; }).filter(function (t) { return t.unit === u; });
      var refl = rec.reflections[u] || {};
      if (!tasks.length && !refl.reflect && !refl.practice && !refl.peer) { return; }
      out.push(para(unitName(u), "Heading1"));
      tasks.sort(function (a, b) { return a.id.localeCompare(b.id, "en", { numeric: true }); }).forEach(function (t) {
        out.push(para("Task " + t.id + ": " + t.title + " (" + t.date + ", about " + t.minutes + " minutes)", "Heading2"));
        out.push(para("My answer: " + (t.answer || "")));
        if (t.note) { out.push(para("Why / notes: " + t.note)); }
      });
      if (refl.reflect) { out.push(para("Reflection: " + refl.reflect)); }
      if (refl.practice) { out.push(para("Link to my practice: " + refl.practice)); }
      if (refl.peer) { out.push(para("Peer reflection: " + refl.peer)); }
    });
    return out.join("");
  }
  function exportDocx(rec) {
    var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    var files = [
      { name: "[Content_Types].xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>" },
      { name: "_rels/.rels", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>" },
      { name: "word/_rels/document.xml.rels", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>" },
      { name: "word/styles.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles xmlns:w=\"" + W + "\">" +
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:style>" +
        "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:b/><w:sz w:val=\"40\"/></w:rPr></w:style>" +
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>" +
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr></w:style></w:styles>" },
      { name: "word/document.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"" + W + "\"><w:body>" + docxText(rec) + "</w:body></w:document>" }
    ];
    var a = el("a", { download: "learning-record.docx", href: URL.createObjectURL(zip(files)) });
    document.body.appendChild(a); a.click(); a.remove();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("section[data-practice]"), setup);
    var root = document.querySelector("[data-learning-record]");
    if (root) { recordRoot(root); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  window.childinfoPractice = { kappa: kappa, load: load };
})();
