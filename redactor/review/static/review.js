// redactor review: keyboard-driven decisions. No external code; served from this server only.
// Offsets sent to the server are Python string indices (code points), not UTF-16 units.
"use strict";
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const csrf = $('meta[name="csrf-token"]').content;
  const body = document.body;
  const page = body.dataset.page;
  const flags = $$("#flags li[data-flag]");
  let current = -1;

  // -- messages -------------------------------------------------------------------------
  function banner(text, kind) {
    const el = $("#banner");
    el.textContent = text;
    el.className = kind || "info";
    el.hidden = false;
  }
  function remember(text, kind) { sessionStorage.setItem("redactor-banner", JSON.stringify([text, kind || "info"])); }
  const saved = sessionStorage.getItem("redactor-banner");
  if (saved) { sessionStorage.removeItem("redactor-banner"); const [t, k] = JSON.parse(saved); banner(t, k); }

  async function post(path, payload) {
    let response;
    try {
      response = await fetch(path, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(payload),
      });
    } catch (err) {
      banner("The review server cannot be reached: is 'redactor review' still running?", "error");
      throw err;
    }
    const data = await response.json().catch(() => ({ error: "unexpected answer from the server" }));
    if (!response.ok) {
      if (response.status === 409) { remember(data.error, "error"); reloadAt(currentId()); }
      const err = new Error(data.error || "request failed");
      err.status = response.status;
      throw err;
    }
    return data;
  }

  function reloadAt(flagId) {
    history.replaceState(null, "", location.pathname + (flagId ? "#f=" + flagId : ""));
    location.reload();
  }

  // -- selection of flags ---------------------------------------------------------------
  function currentId() { return current >= 0 ? flags[current].dataset.flag : ""; }
  function select(i, scroll) {
    if (!flags.length) return;
    current = Math.max(0, Math.min(flags.length - 1, i));
    const id = currentId();
    flags.forEach((li, n) => li.classList.toggle("cur", n === current));
    $$(".cur-flag").forEach((el) => el.classList.remove("cur-flag"));
    const hits = $$("[data-flags]").filter((el) => el.dataset.flags.split(" ").includes(id));
    hits.forEach((el) => el.classList.add("cur-flag"));
    $$(`.box[data-flag="${id}"]`).forEach((el) => el.classList.add("cur-flag"));
    $$(".detail").forEach((d) => { d.hidden = d.dataset.flag !== id; });
    history.replaceState(null, "", "#f=" + id);
    if (scroll !== false) {
      const target = hits[0] || $(`.box[data-flag="${id}"]`);
      if (target) target.scrollIntoView({ block: "center", behavior: "instant" });
      flags[current].scrollIntoView({ block: "nearest" });
    }
  }
  function indexOf(id) { return flags.findIndex((li) => li.dataset.flag === id); }
  function nextAfterDecision() {
    // the next pending flag after the current one, else the next flag
    for (let n = current + 1; n < flags.length; n++) if (flags[n].dataset.status === "pending") return flags[n].dataset.flag;
    return current + 1 < flags.length ? flags[current + 1].dataset.flag : currentId();
  }

  // -- text selection -> segment offsets ------------------------------------------------
  function codePoints(text) { return Array.from(text).length; }
  function position(node, offset) {
    let el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const seg = el.closest("[data-seg]");
    if (!seg) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      const run = el.closest("[data-off]");
      return { seg, pos: Number(run.dataset.off) + codePoints(node.data.slice(0, offset)) };
    }
    if (el === seg) {
      const child = seg.children[offset];
      return { seg, pos: child ? Number(child.dataset.off) : Number(seg.dataset.len) };
    }
    const run = el.closest("[data-off]");
    return { seg, pos: Number(run.dataset.off) + (offset === 0 ? 0 : codePoints(run.textContent)) };
  }
  function selectedSpan() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return { error: "Select the text first (drag over it), then press the key." };
    const range = sel.getRangeAt(0);
    const a = position(range.startContainer, range.startOffset);
    const b = position(range.endContainer, range.endOffset);
    if (!a || !b || a.seg !== b.seg) return { error: "Select text inside one passage of this item." };
    if (a.seg.classList.contains("ctx")) return { error: "That message is context: open it to redact in it." };
    if (b.pos <= a.pos) return { error: "The selection is empty." };
    return { segment_id: a.seg.dataset.seg, start: a.pos, end: b.pos, text: sel.toString() };
  }

  // -- dialogs --------------------------------------------------------------------------
  const dlg = $("#dlg");
  let onOk = null;
  function dialog(title, html, ok) {
    $("#dlg-title").textContent = title;
    $("#dlg-body").replaceChildren();
    $("#dlg-body").append(...html);
    $("#dlg-error").hidden = true;
    onOk = ok;
    dlg.showModal();
    const first = $("#dlg-body input, #dlg-body select, #dlg-body textarea");
    if (first) first.focus();
  }
  async function confirm() {
    if (!onOk) return;
    try { await onOk(); dlg.close(); }
    catch (err) { if (err.status !== 409) { $("#dlg-error").textContent = err.message; $("#dlg-error").hidden = false; } }
  }
  if (dlg) {
    $("#dlg-ok").addEventListener("click", confirm);
    $("#dlg-cancel").addEventListener("click", () => dlg.close());
    dlg.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && !ev.shiftKey && ev.target.tagName !== "TEXTAREA") { ev.preventDefault(); confirm(); }
      // a digit picks a quick reason, unless the reviewer is already typing one
      const typing = (ev.target.tagName === "INPUT" && ev.target.type !== "checkbox" && ev.target.value) || ev.target.tagName === "TEXTAREA";
      if (/^[1-9]$/.test(ev.key) && !typing && $$("#dlg-body .quick").length) { ev.preventDefault(); pick(Number(ev.key)); }
    });
  }
  function pick(n) { const b = $$("#dlg-body .quick")[n - 1]; if (b) b.click(); }
  function el(tag, props, children) {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    (children || []).forEach((c) => e.append(c));
    return e;
  }
  function reasonField(required, quick) {
    const input = el("input", { type: "text", id: "dlg-reason", placeholder: required ? "reason (required)" : "reason (optional)", maxLength: 2000 });
    const picks = (quick || []).map((q, i) => el("button", { type: "button", className: "quick", textContent: `${i + 1} ${q}`, onclick: () => { input.value = q; input.focus(); } }));
    if (picks.length) input.placeholder += ` or press 1-${picks.length}`;
    return [el("label", { className: "block" }, ["Reason ", input]), el("div", { className: "quicks" }, picks)];
  }
  function codeSelect(value) {
    const select = $("#codes-tpl").content.firstElementChild.cloneNode(true);
    select.id = "dlg-code";
    if (value) select.value = value;
    return el("label", { className: "block" }, ["Reason code ", select]);
  }
  const KEEP_REASONS = ["not personal data (false positive)", "relevant to the issues in the case", "already in the public domain",
    "officer or professional acting in role"];

  // -- commands -------------------------------------------------------------------------
  function need() {
    if (current < 0) { banner("This item has no flags. Select text and press m to add a redaction.", "info"); return null; }
    return flags[current].dataset;
  }
  async function decide(action, reason) {
    const f = need(); if (!f) return;
    const next = nextAfterDecision();
    await drained();
    await post("/api/decide", { flag_id: f.flag, action, version: Number(f.version), reason: reason || "" });
    reloadAt(next);
  }

  const base = location.pathname.startsWith("/thread/") ? "/thread/" : "/item/";  // a conversation pages to its next window
  const go = (where) => { if (where) drained().then(() => { location.href = where; }); };

  // -- typed ahead: every accept is applied at once on screen and queued; requests go one at a time --
  // A key press is never dropped: presses beyond the last pending flag of this item are carried to
  // the next item with pending flags (sessionStorage) and applied there.
  const CARRY = "redactor-carry";
  const queue = [];
  let sending = null, leaving = false;
  function pendingAfter() {
    for (let n = current; n < flags.length; n++) if (flags[n].dataset.status === "pending") return n;
    for (let n = 0; n < current; n++) if (flags[n].dataset.status === "pending") return n;
    return -1;
  }
  let leaveTimer = 0;
  function accept() {
    const n = leaving ? -1 : pendingAfter();
    if (n < 0) { carry(1); leave(); return; }
    select(n);
    const li = flags[n];
    li.dataset.status = "queued";
    li.classList.add("queued");
    queue.push({ li, payload: { flag_id: li.dataset.flag, action: "accept", version: Number(li.dataset.version), reason: "" } });
    body.dataset.queued = String(queue.length + (sending ? 1 : 0));
    const next = pendingAfter();
    if (next >= 0) select(next);
    send();
  }
  function carry(n) { sessionStorage.setItem(CARRY, String(Number(sessionStorage.getItem(CARRY) || 0) + n)); }
  function leave() {
    // leave once the presses pause: a key pressed while the next page loads would be lost.
    // A conversation goes on to its next window of messages; an item (or a last window) to the next pending item.
    leaving = true;
    const window_ = base === "/thread/" && body.dataset.next ? base + body.dataset.next : "";
    banner(window_ ? "Every flag in these messages is decided: moving on to the next messages of the conversation."
      : "Every flag here is decided: moving on to the next item with pending flags.", "info");
    clearTimeout(leaveTimer);
    leaveTimer = setTimeout(() => go(window_ || "/next"), 400);
  }
  function send() {
    if (sending) return sending;
    sending = (async () => {
      while (queue.length) {
        const job = queue.shift();
        try {
          if (job.run) { await job.run(); body.dataset.queued = String(queue.length); continue; }
          const r = await post("/api/decide", job.payload);
          job.li.dataset.status = r.status;
          job.li.dataset.version = String(r.version);
          job.li.classList.remove("queued", "st-pending");
          job.li.classList.add("st-" + r.status);
          const badge = job.li.querySelector(".badge");
          if (badge) { badge.textContent = r.status === "keep" ? "kept" : "redacted"; badge.className = "badge st-" + r.status; }
        } catch (e) {
          queue.length = 0;
          if (e.status !== 409) { banner(e.message, "error"); remember(e.message, "error"); reloadAt(currentId()); }
        }
        body.dataset.queued = String(queue.length);
      }
      sending = null;
    })();
    return sending;
  }
  async function drained() { while (sending) await sending; }
  async function postAfter(path, payload) { await drained(); return post(path, payload); }  // after the typed-ahead queue
  window.addEventListener("beforeunload", (ev) => { if (queue.length) ev.preventDefault(); });
  const commands = {
    accept,
    reject: () => {
      const f = need(); if (!f) return;
      const required = f.proposed !== "keep";
      const title = required ? "Keep this text (reject the redaction)" : "Redact this text (reject 'keep')";
      dialog(title, reasonField(required, required ? KEEP_REASONS : []), () => decide("reject", $("#dlg-reason").value.trim()));
    },
    undo: async () => {
      try {
        const r = await postAfter("/api/undo", {});
        const what = r.value_id ? `the decision on ${r.value_id} (${r.changed} occurrence(s) restored)` : `${r.changed} change(s)`;
        remember(`Undone: ${what}` + (r.conflicts ? `, ${r.conflicts} refused (changed by someone else)` : ""), "info");
        if (page === "values" && r.value_id) history.replaceState(null, "", location.pathname + "#v=" + r.value_id);  // back on the value undone
        if (page === "values" || page === "value") location.reload(); else reloadAt(currentId());
      } catch (e) { if (e.status !== 409) banner(e.message, "error"); }
    },
    revert: async () => {
      const f = need(); if (!f) return;
      try { await postAfter("/api/revert", { flag_id: f.flag, version: Number(f.version) }); reloadAt(f.flag); }
      catch (e) { if (e.status !== 409) banner(e.message, "error"); }
    },
    manual: () => {
      const span = selectedSpan();
      if (span.error) { banner(span.error, "error"); return; }
      const preview = el("p", { className: "value" }, [el("q", { textContent: span.text })]);
      dialog("Redact the selected text", [preview, codeSelect("TP"), ...reasonField(false, [])], async () => {
        const r = await postAfter("/api/manual", { segment_id: span.segment_id, start: span.start, end: span.end, code: $("#dlg-code").value, reason: $("#dlg-reason").value.trim() });
        remember("Redaction added.", "info"); reloadAt(r.flag_id);
      });
    },
    span: () => {
      const f = need(); if (!f) return;
      const span = selectedSpan();
      if (span.error) { banner(span.error, "error"); return; }
      if (span.segment_id !== f.seg) { banner("Select text in the same passage as the flag.", "error"); return; }
      dialog("Change the span of this flag", [el("p", { className: "value" }, [el("q", { textContent: span.text })]), ...reasonField(false, [])], async () => {
        await postAfter("/api/modify", { flag_id: f.flag, version: Number(f.version), start: span.start, end: span.end, reason: $("#dlg-reason").value.trim() });
        reloadAt(f.flag);
      });
    },
    code: () => {
      const f = need(); if (!f) return;
      dialog("Change the reason code", [codeSelect(f.code), ...reasonField(false, [])], async () => {
        await postAfter("/api/modify", { flag_id: f.flag, version: Number(f.version), code: $("#dlg-code").value, reason: $("#dlg-reason").value.trim() });
        reloadAt(f.flag);
      });
    },
    "bulk-value": () => {
      const f = need(); if (!f) return;
      const action = el("select", { id: "dlg-action" }, [el("option", { value: "accept", textContent: "accept the proposal (" + (f.proposed === "keep" ? "keep" : "redact") + ")" }),
        el("option", { value: "reject", textContent: "reject the proposal" })]);
      dialog("Same decision for every occurrence of this value in the case", [
        el("label", { className: "block" }, ["Decision ", action]),
        el("p", { className: "block", textContent: "When redacting, occurrences no detector flagged are redacted too." }),
        ...reasonField(false, KEEP_REASONS)], async () => {
        const r = await postAfter("/api/bulk-value", { flag_id: f.flag, action: action.value, reason: $("#dlg-reason").value.trim() });
        remember(`Applied to ${r.changed} flag(s)` + (r.added ? ` including ${r.added} new redaction(s)` : "") + (r.conflicts ? `; ${r.conflicts} refused (changed by someone else)` : "") + ".", "info");
        reloadAt(nextAfterDecision());
      });
    },
    "bulk-type": (button) => {
      let entity, score;
      if (button && button.dataset.entity) {
        entity = button.dataset.entity;
        score = $(`input.score[data-entity="${CSS.escape(entity)}"]`).value;
      } else {
        const f = need(); if (!f) return;
        entity = f.entity; score = f.score;
      }
      const input = el("input", { type: "number", id: "dlg-score", min: 0, max: 1, step: 0.05, value: score });
      dialog(`Accept every pending ${entity} flag`, [el("label", { className: "block" }, ["with score at least ", input])], async () => {
        const r = await postAfter("/api/bulk-type", { entity, min_score: Number(input.value) });
        remember(`Accepted ${r.changed} ${entity} flag(s)` + (r.conflicts ? `; ${r.conflicts} refused (changed by someone else)` : "") + ".", "info");
        reloadAt(currentId());
      });
    },
    "scope-out": () => scope("out"), "scope-sensitive": () => scope("sensitive"), "scope-in": () => scope("in"),
    help: () => { const h = $("#help"); h.hidden = !h.hidden; },
  };
  function scope(value) {
    if (page !== "item") return;
    const titles = { out: "Mark not relevant (IRR): withheld from the bundle", sensitive: "Mark sensitive (SEN): listed on the sensitive schedule", in: "Bring back in scope" };
    const parts = reasonField(value !== "in", value === "out" ? ["outside the agreed date range", "outside the agreed contacts", "no bearing on the case"] : []);
    const whole = el("input", { type: "checkbox", id: "dlg-thread", checked: true });
    if (body.dataset.thread) parts.push(el("label", { className: "block" }, [whole, " the whole conversation"]));
    dialog(titles[value], parts, async () => {
      const r = await postAfter("/api/scope", { item_id: body.dataset.item, scope: value, thread: Boolean(body.dataset.thread) && whole.checked, reason: $("#dlg-reason").value.trim() });
      remember(`Scope changed for ${r.changed} item(s).`, "info"); reloadAt(currentId());
    });
  }

  // -- people & identifiers: one decision per value, typed ahead like accepts -------------
  const rows = $$("#values tr[data-value]");
  let row = -1;
  function step(from, by) {  // the next row shown (the filter hides some), else where we are
    for (let n = from + by; n >= 0 && n < rows.length; n += by) if (!rows[n].hidden) return n;
    return from;
  }
  function selectRow(i) {
    if (!rows.length) return;
    row = Math.max(0, Math.min(rows.length - 1, i));
    if (rows[row].hidden) {
      const n = step(row, 1) !== row ? step(row, 1) : step(row, -1);
      if (n === row) { row = -1; rows.forEach((tr) => tr.classList.remove("cur")); return; }  // every row is filtered out
      row = n;
    }
    rows.forEach((tr, n) => tr.classList.toggle("cur", n === row));
    rows[row].scrollIntoView({ block: "nearest" });
    history.replaceState(null, "", "#v=" + rows[row].dataset.value);
  }
  function showValue(tr, r) {
    tr.dataset.status = r.status; tr.dataset.version = String(r.version);
    tr.className = "st-" + r.status + (tr === rows[row] ? " cur" : "");
    const badge = tr.querySelector(".status");
    if (badge) badge.replaceChildren(el("span", { className: "badge st-" + r.status, textContent: { redact: "redacted", keep: "kept" }[r.status] || r.status }));
  }
  function queueValue(tr, payload) {
    tr.dataset.status = "queued"; tr.classList.add("queued");
    queue.push({ run: async () => showValue(tr, await post("/api/value", { ...payload, value_id: tr.dataset.value, version: Number(tr.dataset.version) })) });
    body.dataset.queued = String(queue.length + (sending ? 1 : 0));
    send();
  }
  function nextPendingRow() {
    for (let n = row + 1; n < rows.length; n++) if (!rows[n].hidden && rows[n].dataset.status === "pending") return n;
    return step(row, 1);
  }
  // the filter box: display text, entity, party (or value id); '/' goes to it, Enter or Esc back to the rows
  const valueFilter = $("#value-filter");
  function filterRows() {
    const words = valueFilter.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach((tr) => {
      const text = [0, 1, 2, 5].map((i) => tr.cells[i] ? tr.cells[i].textContent : "").join(" ").toLowerCase();
      tr.hidden = !words.every((w) => text.includes(w));
    });
    const shown = rows.filter((tr) => !tr.hidden).length;
    $("#value-count").textContent = words.length ? `${shown} of ${rows.length} shown` : "";
    if (row < 0 || rows[row].hidden) {  // the current row is filtered out: the first pending one shown, else the first shown
      const pendingRow = rows.findIndex((tr) => !tr.hidden && tr.dataset.status === "pending");
      selectRow(pendingRow >= 0 ? pendingRow : rows.findIndex((tr) => !tr.hidden));
    }
  }
  if (valueFilter) {
    valueFilter.addEventListener("input", filterRows);
    valueFilter.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape" && valueFilter.value) { ev.preventDefault(); valueFilter.value = ""; filterRows(); }
      if (ev.key === "Enter" || ev.key === "Escape" || ev.key === "ArrowDown") { ev.preventDefault(); valueFilter.blur(); }
    });
  }
  const valueKeys = {
    j: () => selectRow(step(row, 1)), ArrowDown: () => selectRow(step(row, 1)),
    k: () => selectRow(step(row, -1)), ArrowUp: () => selectRow(step(row, -1)),
    "/": () => { if (valueFilter) { valueFilter.focus(); valueFilter.select(); } },
    u: () => commands.undo(),
    a: () => {
      if (row < 0 || rows[row].hidden) return;
      const tr = rows[row];
      if (tr.dataset.status === "queued") { selectRow(nextPendingRow()); return; }
      queueValue(tr, { decision: "accept" });
      selectRow(nextPendingRow());
    },
    x: () => {
      if (row < 0) return;
      const tr = rows[row];
      dialog("Redact every occurrence of " + tr.dataset.value, [codeSelect(tr.dataset.code)], async () => {
        await drained();
        showValue(tr, await post("/api/value", { value_id: tr.dataset.value, decision: "redact", code: $("#dlg-code").value, version: Number(tr.dataset.version) }));
        selectRow(nextPendingRow());
      });
    },
    c: () => {
      if (row < 0) return;
      const tr = rows[row];
      dialog("Keep every occurrence of " + tr.dataset.value + " in clear", reasonField(true, KEEP_REASONS), async () => {
        await drained();
        showValue(tr, await post("/api/value", { value_id: tr.dataset.value, decision: "keep", reason: $("#dlg-reason").value.trim(), version: Number(tr.dataset.version) }));
        selectRow(nextPendingRow());
      });
    },
    Enter: () => { if (row >= 0 && page === "values") go("/value/" + rows[row].dataset.value); },
    g: () => go("/"), v: () => go("/overview"), "?": () => commands.help(),
  };
  commands.except = (button) => {
    const keep = button.dataset.status !== "keep";
    dialog(keep ? "Keep this one occurrence in clear" : "Redact this one occurrence", reasonField(true, keep ? KEEP_REASONS : []), async () => {
      await postAfter("/api/except", { flag_id: button.dataset.flag, decision: keep ? "keep" : "redact", reason: $("#dlg-reason").value.trim() });
      remember("Occurrence excepted.", "info"); location.reload();
    });
  };
  if (rows.length) {
    const m = location.hash.match(/^#v=(V[0-9]+)$/);
    const at = m ? rows.findIndex((tr) => tr.dataset.value === m[1]) : -1;
    selectRow(at >= 0 ? at : Math.max(0, rows.findIndex((tr) => tr.dataset.status === "pending")));
  }

  // -- wiring ---------------------------------------------------------------------------
  document.addEventListener("click", (ev) => {
    const button = ev.target.closest("[data-cmd]");
    if (button && commands[button.dataset.cmd]) { ev.preventDefault(); commands[button.dataset.cmd](button); return; }
    const li = ev.target.closest("#flags li[data-flag]");
    if (li) { select(indexOf(li.dataset.flag), false); return; }
    const hit = ev.target.closest("[data-flags], .box[data-flag]");
    if (hit && window.getSelection().isCollapsed) {
      ev.preventDefault();
      select(indexOf(hit.dataset.flag || hit.dataset.flags.split(" ")[0]), false);
    }
  });
  const keys = {
    j: () => (current < flags.length - 1 ? select(current + 1) : go(body.dataset.next && base + body.dataset.next)),
    ArrowDown: () => keys.j(),
    k: () => (current > 0 ? select(current - 1) : go(body.dataset.prev && base + body.dataset.prev)),
    w: () => go(body.dataset.thread && !location.pathname.startsWith("/thread/") ? "/thread/" + body.dataset.item : null),
    ArrowUp: () => keys.k(),
    a: commands.accept, r: commands.reject, u: commands.undo, m: commands.manual, s: commands.span, c: commands.code,
    b: commands["bulk-value"], t: () => commands["bulk-type"](), o: commands["scope-out"], e: commands["scope-sensitive"],
    i: commands["scope-in"], "?": commands.help,
    n: () => go(page === "item" ? (body.dataset.nextPending ? "/item/" + body.dataset.nextPending : "/") : "/next"),
    p: () => go(page === "item" ? location.pathname + "/preview" : page === "preview" ? "/item/" + body.dataset.item : null),
    g: () => go("/"),
    v: () => go("/overview"),
    Escape: () => { $("#help").hidden = true; },
  };
  const GLOBAL_KEYS = ["n", "p", "g", "v", "?", "Escape"];
  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if ((dlg && dlg.open) || /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName)) return;
    if ((page === "values" || page === "value") && valueKeys[ev.key]) { ev.preventDefault(); valueKeys[ev.key](); return; }
    if (page === "overview" && ev.key === "g") { ev.preventDefault(); go("/"); return; }
    if (page !== "item" && !GLOBAL_KEYS.includes(ev.key)) return;
    const fn = keys[ev.key];
    if (fn) { ev.preventDefault(); fn(); }
  });

  // positions of boxes on page images travel as data attributes (the CSP forbids inline styles)
  $$(".box[data-box]").forEach((b) => {
    const [l, t, w, hgt] = b.dataset.box.split(",").map(Number);
    Object.assign(b.style, { left: l * 100 + "%", top: t * 100 + "%", width: w * 100 + "%", height: hgt * 100 + "%" });
  });

  // an original that is missing or changed is never shown; say so instead of a broken image
  $$(".pagewrap img").forEach((img) => img.addEventListener("error", () => {
    const note = el("p", { className: "error", textContent: "This page of the original cannot be shown: the file is missing or has changed since it was ingested (the bundle will refuse it too). The text below is what was extracted." });
    img.closest(".pagewrap").replaceWith(note);
  }));

  // overview filters
  const filter = $("#filter"), kind = $("#kind-filter"), pendingOnly = $("#pending-only");
  function applyFilter() {
    const q = filter.value.toLowerCase();
    $$("#groups tbody tr").forEach((tr) => {
      const pending = Number(tr.querySelector("td.st-pending").textContent);
      tr.hidden = (q && !tr.textContent.toLowerCase().includes(q)) || (kind.value && !tr.dataset.kind.split(" ").includes(kind.value)) || (pendingOnly.checked && !pending);
    });
  }
  if (filter) [filter, kind, pendingOnly].forEach((x) => x.addEventListener("input", applyFilter));

  // a reviewer coming back to the tab sees the other reviewers' decisions
  let hiddenAt = 0;
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) hiddenAt = Date.now();
    else if (hiddenAt && Date.now() - hiddenAt > 2000 && !(dlg && dlg.open) && page !== "preview") reloadAt(currentId());
  });

  if (page === "item") {
    const carried = Number(sessionStorage.getItem(CARRY) || 0);
    sessionStorage.removeItem(CARRY);
    const m = location.hash.match(/^#f=([0-9a-f]+)$/);
    let start = m ? indexOf(m[1]) : -1;
    if (start < 0) start = flags.findIndex((li) => li.dataset.status === "pending");
    if (start < 0 && flags.length) start = 0;
    if (start >= 0) select(start);
    const anyPending = flags.some((li) => li.dataset.status === "pending");
    if (flags.length && !anyPending && $("#banner").hidden) {
      banner(body.dataset.nextPending ? "Every flag in this item is decided: press n for the next item with pending flags."
        : "Every flag in the case is decided.", "info");
    }
    for (let n = 0; n < carried; n++) accept();  // presses typed ahead on the previous item
  } else if (sessionStorage.getItem(CARRY)) {
    sessionStorage.removeItem(CARRY);
    banner("Every flag in the case is decided: the last key presses had nothing left to accept.", "info");
  }
})();
