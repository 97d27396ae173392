// The fill-in page (填报): the form's inputs as an interchange record, scored by POST /api/v1/score as the user
// types (debounced), saved by POST /api/v1/forms or PUT /api/v1/forms/{id}. Plain script, no library; text is
// only ever set with textContent (never as HTML). The API is called with the page session's cookie and its CSRF
// token in the X-CSRF-Token header.
"use strict";

(function () {
  const root = document.getElementById("fill");
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf"]').content;
  const record = JSON.parse(document.getElementById("record").textContent);
  const body = document.querySelector("#indicators tbody");
  const columns = ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"];
  const numeric = new Set(["weight", "score"]);
  const severityZh = { error: "错误", warning: "警告", info: "提示" };
  let formId = root.dataset.formId;
  let timer = null;
  let sequence = 0;

  function fmt(value, digits) {
    return value === null || value === undefined ? "—" : Number(value).toFixed(digits);
  }

  function out(name, text) {
    root.querySelectorAll('[data-out="' + name + '"]').forEach((el) => { el.textContent = text; });
  }

  function parseValue(input) {
    const text = input.value.trim();
    if (text === "") return null;
    const kind = input.dataset.kind;
    if (kind === "number" || kind === "int") {
      const number = Number(text.replace(/,/g, ""));
      return Number.isFinite(number) ? number : text;  // the server names what is not a number
    }
    return text;
  }

  function getPath(object, parts) {
    return parts.reduce((node, key) => (node === null || node === undefined ? null : node[key]), object);
  }

  function setPath(object, parts, value) {
    let node = object;
    parts.slice(0, -1).forEach((key) => {
      if (node[key] === null || node[key] === undefined) node[key] = {};
      node = node[key];
    });
    node[parts[parts.length - 1]] = value;
  }

  function indicatorRow(indicator) {
    const row = document.createElement("tr");
    columns.forEach((column) => {
      const cell = document.createElement("td");
      const input = document.createElement(column === "deviation" ? "textarea" : "input");
      input.dataset.column = column;
      if (numeric.has(column)) { input.size = 5; input.inputMode = "decimal"; input.dataset.kind = "number"; }
      const value = indicator[column];
      input.value = value === null || value === undefined ? "" : String(value);
      cell.appendChild(input);
      row.appendChild(cell);
    });
    const allowed = document.createElement("td");
    allowed.className = "num out";
    row.appendChild(allowed);
    const remove = document.createElement("td");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "删除";
    button.addEventListener("click", () => { row.remove(); schedule(); });
    remove.appendChild(button);
    row.appendChild(remove);
    return row;
  }

  function showIndicators(indicators) {
    body.replaceChildren(...indicators.map(indicatorRow));
  }

  function collect() {
    const data = JSON.parse(JSON.stringify(record));
    delete data.source;
    delete data.confidence;
    root.querySelectorAll("[data-path]").forEach((input) => {
      setPath(data, input.dataset.path.split("."), parseValue(input));
    });
    Object.keys(data.funds || {}).forEach((name) => {
      const row = data.funds[name];
      if (row && Object.values(row).every((v) => v === null)) data.funds[name] = null;
    });
    data.indicators = Array.from(body.rows).map((row) => {
      const indicator = {};
      row.querySelectorAll("[data-column]").forEach((input) => {
        indicator[input.dataset.column] = parseValue(input);
      });
      return indicator;
    });
    return data;
  }

  async function call(method, url, payload) {
    const response = await fetch(url, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(payload),
    });
    const answer = await response.json().catch(() => ({ detail: "服务器没有给出可读的回答（" + response.status + "）" }));
    return { ok: response.ok, status: response.status, body: answer };
  }

  function problem(text) {
    const el = document.getElementById("problem");
    el.hidden = !text;
    el.textContent = text || "";
  }

  function showScore(result) {
    const r = result.recomputed;
    out("rate", r.execution_rate_recomputed === null ? "—" : fmt(r.execution_rate_recomputed, 2) + "%");
    out("funds-score", fmt(r.funds_score_recomputed, 2));
    out("total", fmt(r.total_score_recomputed, 2));
    out("grade", r.grade_recomputed || "—");
    out("errors", String(result.counts.error));
    out("warnings", String(result.counts.warning));
    ["total", "current_year", "carryover", "other"].forEach((name) => {
      const row = result.fund_rows.find((f) => f.row === name);
      out("fund-rate-" + name, row && row.execution_rate_recomputed !== null ? fmt(row.execution_rate_recomputed, 2) + "%" : "");
      out("fund-score-" + name, row ? fmt(row.score_recomputed, 2) : "");
    });
    Array.from(body.rows).forEach((row, i) => {
      const scored = result.indicators[i];
      const cell = row.cells[columns.length];
      if (!scored || scored.score_low === null) { cell.textContent = "—"; return; }
      cell.textContent = scored.score_low === scored.score_high ? fmt(scored.score_low, 2)
        : fmt(scored.score_low, 2) + "–" + fmt(scored.score_high, 2);
    });
    const list = document.getElementById("findings");
    list.replaceChildren(...result.findings.map((f) => {
      const row = document.createElement("tr");
      row.className = "sev-" + f.severity + (f.waived ? " waived" : "");
      [severityZh[f.severity], f.code + " " + f.name, f.path, f.message].forEach((text) => {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      });
      return row;
    }));
    root.querySelectorAll(".flag").forEach((el) => el.classList.remove("flag", "sev-error", "sev-warning", "sev-info"));
    result.findings.filter((f) => !f.waived).forEach((f) => {
      const input = inputOf(f.path);
      if (input) input.parentElement.classList.add("flag", "sev-" + f.severity);
    });
  }

  function inputOf(path) {
    const parts = path.split(".");
    if (parts[0] === "indicators" && parts.length === 3) {
      const row = body.rows[Number(parts[1])];
      return row ? row.querySelector('[data-column="' + parts[2] + '"]') : null;
    }
    return root.querySelector('[data-path="' + path.replace(/"/g, "") + '"]');
  }

  async function rescore() {
    const mine = ++sequence;
    const answer = await call("POST", "/api/v1/score", collect()).catch(() => null);
    if (mine !== sequence) return;  // a later keystroke's answer is coming
    if (!answer) { problem("无法连接服务器，稍后再试"); return; }
    if (!answer.ok) { problem(answer.body.detail); return; }
    problem(null);
    showScore(answer.body);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(rescore, 300);
  }

  async function save() {
    const saved = document.getElementById("saved");
    saved.textContent = "正在保存……";
    const answer = formId ? await call("PUT", "/api/v1/forms/" + formId, collect())
      : await call("POST", "/api/v1/forms", collect());
    if (!answer.ok) { saved.textContent = ""; problem(answer.body.detail); return; }
    window.location.assign("/forms/" + answer.body.id);
  }

  async function importIndicators(event) {
    const file = event.target.files[0];
    if (!file) return;
    const data = new FormData();
    data.append("file", file);
    const response = await fetch("/api/v1/indicators/import", {
      method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrf }, body: data,
    });
    const answer = await response.json().catch(() => ({ detail: "导入失败（" + response.status + "）" }));
    event.target.value = "";
    if (!response.ok) { problem(answer.detail); return; }
    showIndicators(answer.indicators);
    problem(answer.warnings.length ? answer.warnings.join("；") : null);
    schedule();
  }

  root.querySelectorAll("[data-path]").forEach((input) => {
    const value = getPath(record, input.dataset.path.split("."));
    input.value = value === null || value === undefined ? "" : String(value);
  });
  showIndicators(record.indicators || []);
  Object.entries(JSON.parse(document.getElementById("notes").textContent)).forEach(([path, text]) => {
    const input = inputOf(path);
    if (input) { input.parentElement.classList.add("noted"); input.parentElement.title = "审核意见：" + text; }
  });
  root.addEventListener("input", schedule);
  root.addEventListener("change", (event) => { if (event.target.type !== "file") schedule(); });
  document.getElementById("add-indicator").addEventListener("click", () => {
    const last = body.rows.length ? body.rows[body.rows.length - 1] : null;
    const carried = last ? { level1: last.querySelector('[data-column="level1"]').value,
      level2: last.querySelector('[data-column="level2"]').value } : {};
    body.appendChild(indicatorRow(carried));
  });
  document.getElementById("import-indicators").addEventListener("change", importIndicators);
  document.getElementById("save").addEventListener("click", save);
  rescore();
})();
