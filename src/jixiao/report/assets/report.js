/* jixiao HTML report: reads the data blocks of this file and draws the charts, the tables and the form pages.
   Everything is built with DOM text nodes (never innerHTML of document text); chart tooltips escape it. */
(function () {
  "use strict";

  const META = JSON.parse(document.getElementById("jx-meta").textContent);
  const SCHEMA = META.schema;
  const SEV = META.severity;
  const COLOR = {error: "#c62f37", warning: "#dd9712", info: "#3f7fbf", ok: "#6d8fb3", outlier: "#d23b2f"};
  const SEV_ORDER = ["error", "warning", "info"];
  const columnsOf = names => Object.fromEntries(names.map((n, i) => [n, i]));
  const IX = columnsOf(SCHEMA.index);
  const collator = new Intl.Collator("zh-CN", {numeric: true});
  const state = {index: [], byId: new Map(), analytics: null, tables: {}, charts: {}, overviewScroll: 0};

  // ---------------------------------------------------------------- helpers
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child != null && child !== false) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }
  const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  const amountFormat = new Intl.NumberFormat("zh-CN", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  const fmt = {
    amount: v => v == null ? "" : amountFormat.format(v),
    score: v => v == null ? "" : String(Math.round(v * 100) / 100),
    rate: v => v == null ? "" : v.toFixed(2),
    pct: v => v == null ? "" : v.toFixed(2) + "%",
    int: v => v == null ? "" : v.toLocaleString("zh-CN"),
    risk: v => v == null ? "" : v.toFixed(1),
    // 万元: two decimals, more when a sum in 元 converts to a longer fraction (1,234.56 元 → 0.123456 万元)
    wan: v => v == null ? "" : v.toLocaleString("zh-CN", {minimumFractionDigits: 2, maximumFractionDigits: 6}),
  };
  const MONEY = META.money;
  const toWan = (v, unit) => v == null ? null : unit === "元" ? v / MONEY.yuan_per_wan : v;
  const unitNote = unit => unit || MONEY.unstated;
  const plain = v => v == null ? "" : /^-?\d+(\.\d+)?$/.test(v) ? Number(v).toLocaleString("zh-CN", {maximumFractionDigits: 4}) : v;
  const debounce = (fn, ms) => { let t; return () => { clearTimeout(t); t = setTimeout(fn, ms); }; };
  const distinct = values => [...new Set(values.filter(v => v != null && v !== ""))].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b)));
  const formLink = (id, text) => state.byId.has(id)
    ? el("a", {href: "#form/" + id, class: "form-link"}, text || "（未填项目名称）") : String(text ?? "");
  const tableOf = t => { const c = columnsOf(t.columns); return t.rows.map(r => Object.fromEntries(Object.entries(c).map(([k, i]) => [k, r[i]]))); };

  // ---------------------------------------------------------------- data blocks
  function bytesOf(b64) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  async function inflate(node) {
    const stream = new Blob([bytesOf(node.textContent.trim())]).stream().pipeThrough(new DecompressionStream("deflate"));
    return JSON.parse(await new Response(stream).text());
  }
  const pageBlocks = [...document.querySelectorAll("script.jx-pages")].map(node =>
    ({node, first: Number(node.dataset.first), last: Number(node.dataset.last), data: null}));
  const recentBlocks = [];

  // A page block is [strings, forms columns, fund_rows columns, indicators columns, findings columns]; child rows
  // are sorted by form_id (their first column). Text columns hold numbers into `strings`.
  function rowsOf(table, columns, strings, id) {
    const names = SCHEMA.tables.find(([name]) => name === table)[1];
    const texts = new Set(SCHEMA.strings[table]);
    const out = [];
    columns[0].forEach((key, r) => {
      if (key !== id) return;
      const row = {};
      names.forEach((name, c) => {
        const value = columns[c][r];
        row[name] = texts.has(c) && value != null ? strings[value] : value;
      });
      out.push(row);
    });
    return out;
  }
  async function formRecord(id) {
    const block = pageBlocks.find(b => id >= b.first && id <= b.last);
    if (!block) return null;
    if (!block.data) {
      block.data = inflate(block.node);
      recentBlocks.push(block);
      if (recentBlocks.length > 4) recentBlocks.shift().data = null;  // keep memory flat on big reports
    }
    const [strings, forms, funds, indicators, findings] = await block.data;
    const [form] = rowsOf("forms", forms, strings, id);
    if (!form) return null;
    form.read_warnings = (form.read_warnings || []).map(([code, message, path, line]) =>
      ({code: strings[code], message: strings[message], path: strings[path], line}));
    form.funds = rowsOf("fund_rows", funds, strings, id);
    form.indicators = rowsOf("indicators", indicators, strings, id);
    form.findings = rowsOf("findings", findings, strings, id);
    return form;
  }

  // ---------------------------------------------------------------- sortable, filterable, paginated table
  class Table {
    constructor(host, spec) {
      this.spec = spec;
      this.rows = spec.rows;
      this.view = this.rows;
      this.page = 0;
      this.size = spec.pageSize || 25;
      this.sortCol = spec.sort ? spec.columns.findIndex(c => c.label === spec.sort[0]) : -1;
      this.sortDir = spec.sort ? spec.sort[1] : 1;
      this.query = "";
      this.external = null;  // {label, test}: set by clicking a card or a chart bar
      this.selected = (spec.filters || []).map(() => "");
      this.build(host);
      this.refresh();
    }
    build(host) {
      const spec = this.spec;
      this.search = el("input", {type: "search", placeholder: spec.placeholder || "输入文字筛选…", "aria-label": "筛选"});
      this.search.addEventListener("input", debounce(() => this.setQuery(this.search.value), 200));
      this.selects = (spec.filters || []).map((f, i) => {
        const values = f.options || distinct(this.rows.map(f.get));
        const select = el("select", {"aria-label": f.label, "data-filter": f.label},
          el("option", {value: ""}, f.label + "：全部"), values.map(v => el("option", {value: String(v)}, String(v))));
        select.addEventListener("change", () => { this.selected[i] = select.value; this.page = 0; this.refresh(); });
        return select;
      });
      this.count = el("span", {class: "count"});
      this.chip = el("span", {class: "chip", hidden: true});
      this.heads = spec.columns.map((c, i) => el("th", {class: c.num ? "num sortable" : "sortable", scope: "col",
        title: "点击按此列排序", onclick: () => this.sortBy(i)}, c.label));
      this.tbody = el("tbody");
      this.pager = el("div", {class: "pager"});
      host.append(el("div", {class: "toolbar"}, this.search, this.selects, this.chip, this.count),
        el("div", {class: "table-wrap"}, el("table", {class: "data"}, el("thead", {}, el("tr", {}, this.heads)), this.tbody)),
        this.pager);
    }
    setQuery(text) { this.query = text.trim().toLowerCase(); this.page = 0; this.refresh(); }
    setExternal(label, test) {
      this.external = label ? {label, test} : null;
      this.chip.replaceChildren(...(label ? ["筛选：", el("b", {}, label), " ",
        el("button", {type: "button", class: "chip-clear", title: "清除这个筛选", onclick: () => this.setExternal(null)}, "✕ 清除")] : []));
      this.chip.hidden = !label;
      this.page = 0;
      this.refresh();
    }
    clearAll() {
      this.search.value = "";
      this.query = "";
      this.selects.forEach((select, i) => { select.value = ""; this.selected[i] = ""; });
      this.setExternal(null);
    }
    sortBy(i) {
      if (this.sortCol === i) this.sortDir = -this.sortDir;
      else { this.sortCol = i; this.sortDir = this.spec.columns[i].num ? -1 : 1; }
      this.page = 0;
      this.refresh();
    }
    filtered() {
      const filters = this.spec.filters || [];
      const active = this.selected.map((v, i) => [v, filters[i]]).filter(([v]) => v);
      let rows = this.rows;
      if (this.external) rows = rows.filter(this.external.test);
      if (active.length) rows = rows.filter(r => active.every(([v, f]) => String(f.get(r) ?? "") === v));
      if (this.query) {
        if (!this.haystack) this.haystack = new Map(this.rows.map(r => [r, this.spec.text(r).toLowerCase()]));
        rows = rows.filter(r => this.haystack.get(r).includes(this.query));
      }
      if (this.sortCol >= 0) {
        const column = this.spec.columns[this.sortCol];
        const key = column.sortKey || column.get;
        const dir = this.sortDir;
        rows = rows.map(r => [key(r), r]).sort(([a], [b]) => {
          if (a == null || a === "") return b == null || b === "" ? 0 : 1;  // blanks last either way
          if (b == null || b === "") return -1;
          return dir * (typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b)));
        }).map(([, r]) => r);
      }
      return rows;
    }
    refresh() {
      this.view = this.filtered();
      const total = this.rows.length;
      const pages = Math.max(1, Math.ceil(this.view.length / this.size));
      this.page = Math.min(this.page, pages - 1);
      const slice = this.view.slice(this.page * this.size, (this.page + 1) * this.size);
      this.tbody.replaceChildren(...(slice.length ? slice.map(r => this.row(r))
        : [el("tr", {}, el("td", {colspan: this.spec.columns.length, class: "empty"}, "没有符合条件的记录"))]));
      this.count.textContent = this.view.length === total ? `共 ${fmt.int(total)} 条`
        : `筛选出 ${fmt.int(this.view.length)} 条（共 ${fmt.int(total)} 条）`;
      this.heads.forEach((th, i) => {
        th.dataset.sort = i === this.sortCol ? (this.sortDir > 0 ? "asc" : "desc") : "";
        th.setAttribute("aria-sort", i === this.sortCol ? (this.sortDir > 0 ? "ascending" : "descending") : "none");
      });
      const go = p => () => { this.page = p; this.refresh(); };
      const sizes = el("select", {"aria-label": "每页行数", onchange: e => { this.size = Number(e.target.value); this.page = 0; this.refresh(); }},
        [25, 50, 100, 200].map(n => el("option", {value: n, selected: n === this.size}, `每页 ${n} 行`)));
      this.pager.replaceChildren(...(this.view.length <= 25 ? [] : pages < 2 ? [sizes] : [sizes,
        el("button", {type: "button", onclick: go(0), disabled: this.page === 0}, "首页"),
        el("button", {type: "button", onclick: go(this.page - 1), disabled: this.page === 0}, "上一页"),
        el("span", {}, `第 ${this.page + 1} / ${pages} 页`),
        el("button", {type: "button", onclick: go(this.page + 1), disabled: this.page >= pages - 1}, "下一页"),
        el("button", {type: "button", onclick: go(pages - 1), disabled: this.page >= pages - 1}, "末页"),
      ]));
    }
    row(r) {
      const cls = this.spec.rowClass ? this.spec.rowClass(r) : null;
      return el("tr", {class: cls}, this.spec.columns.map(c => {
        const value = c.get(r);
        return el("td", {class: [c.num ? "num" : "", c.cls || ""].join(" ").trim() || null},
          c.render ? c.render(value, r) : (c.fmt ? c.fmt(value) : value ?? ""));
      }));
    }
  }

  // ---------------------------------------------------------------- charts
  function chart(id, option, empty) {
    const node = document.getElementById(id);
    const instance = echarts.init(node, null, {renderer: "canvas"});
    if (empty) option = {title: {text: "无数据", left: "center", top: "middle", textStyle: {color: "#999", fontSize: 14}}};
    instance.setOption(Object.assign({animation: false, textStyle: {fontFamily: getComputedStyle(document.body).fontFamily}}, option));
    state.charts[id] = instance;
    return instance;
  }
  const COUNT = {error: "errors", warning: "warnings", info: "infos"};
  const sevSeries = rows => SEV_ORDER.map(sev => ({
    name: SEV[sev], type: "bar", stack: "n", itemStyle: {color: COLOR[sev]}, barMaxWidth: 26,
    data: rows.map(r => r[COUNT[sev]]), emphasis: {focus: "series"},
  }));
  function axisTooltip(title) {
    return {trigger: "axis", axisPointer: {type: "shadow"}, formatter: items => {
      const head = title(items[0].dataIndex);
      return head + items.map(i => `<br>${i.marker}${esc(i.seriesName)}：${fmt.int(i.value)}`).join("");
    }};
  }
  function barHeight(node, n) { node.style.height = Math.min(620, Math.max(300, 60 + n * 26)) + "px"; }

  function drawCharts() {
    const a = state.analytics;
    // 1. grade distribution: printed grades (analytics) beside the grades jixiao recomputes
    const printed = a.overview.grades;
    const recomputed = {};
    for (const r of state.index) { const g = r[IX.grade_recomputed] ?? "未算出"; recomputed[g] = (recomputed[g] || 0) + 1; }
    const rank = g => { const i = META.grades.indexOf(g); return i < 0 ? (g === "未填" || g === "未算出" ? 99 : 50) : i; };
    const grades = [...new Set([...Object.keys(printed), ...Object.keys(recomputed)])].sort((x, y) => rank(x) - rank(y) || collator.compare(x, y));
    chart("chart-grades", {
      tooltip: {trigger: "axis", axisPointer: {type: "shadow"}, formatter: items => esc(items[0].name) +
        items.map(i => `<br>${i.marker}${esc(i.seriesName)}：${fmt.int(i.value)} 张`).join("")},
      legend: {top: 0}, grid: {left: 50, right: 20, top: 40, bottom: 30},
      xAxis: {type: "category", data: grades}, yAxis: {type: "value", name: "表数", minInterval: 1},
      series: [
        {name: "自评等级（表上填写）", type: "bar", data: grades.map(g => printed[g] || 0), itemStyle: {color: "#4a78b0"}, barMaxWidth: 40,
         label: {show: true, position: "top", formatter: p => fmt.int(p.value)}},
        {name: "重算等级（jixiao 按规则）", type: "bar", data: grades.map(g => recomputed[g] || 0), itemStyle: {color: "#9ab7d6"}, barMaxWidth: 40,
         label: {show: true, position: "top", formatter: p => fmt.int(p.value)}},
      ],
    }, !grades.length);

    // 2. execution rate against self-score; outliers in red; click opens the form page
    const outlier = new Map(a.outliers.map(([id, reason]) => [id, reason]));
    const normal = [], odd = [];
    let maxRate = 100;
    for (const r of state.index) {
      const rate = r[IX.execution_rate_recomputed], score = r[IX.total_score];
      if (rate == null || score == null) continue;
      (outlier.has(r[IX.id]) ? odd : normal).push([rate, score, r[IX.id]]);
      if (rate > maxRate) maxRate = rate;
    }
    const shown = Math.min(Math.ceil(maxRate / 10) * 10, 150);
    const LARGE = 5000;  // from this many points ECharts draws them in one pass (large mode)
    const scatter = chart("chart-scatter", {
      tooltip: {trigger: "item", formatter: p => {
        const r = state.byId.get(p.value[2]);
        const reason = outlier.get(p.value[2]);
        return `<b>${esc(r[IX.project_name] || "（未填项目名称）")}</b><br>${esc(r[IX.department] || "")}　${esc(r[IX.year] ?? "")} 年` +
          `<br>执行率（重算）${fmt.pct(p.value[0])}　自评得分 ${fmt.score(p.value[1])}　重算得分 ${fmt.score(r[IX.total_score_recomputed])}` +
          (reason ? `<br><span style="color:${COLOR.outlier}">${esc(reason)}</span>` : "") + "<br><i>点击查看此表</i>";
      }},
      legend: {top: 0}, grid: {left: 55, right: 30, top: 40, bottom: 70},
      xAxis: {type: "value", name: "预算执行率（%，重算）", nameLocation: "middle", nameGap: 28, min: 0, max: Math.ceil(maxRate / 10) * 10},
      yAxis: {type: "value", name: "自评得分", scale: true},
      dataZoom: [{type: "inside", xAxisIndex: 0, startValue: 0, endValue: shown, filterMode: "none"},
                 {type: "slider", xAxisIndex: 0, startValue: 0, endValue: shown, filterMode: "none", height: 16, bottom: 8}],
      series: [
        {name: "其他表", type: "scatter", data: normal, symbolSize: normal.length > LARGE ? 3 : 6, large: normal.length > LARGE,
         largeThreshold: LARGE, itemStyle: {color: COLOR.ok, opacity: normal.length > LARGE ? 0.35 : 0.55}},
        {name: `异常（${fmt.int(odd.length)}）`, type: "scatter", data: odd, symbolSize: odd.length > LARGE ? 4 : 9, large: odd.length > LARGE,
         largeThreshold: LARGE, itemStyle: {color: COLOR.outlier, opacity: odd.length > LARGE ? 0.5 : 0.85}},
      ],
    }, !normal.length && !odd.length);
    scatter.on("click", p => { if (p.value) location.hash = "form/" + p.value[2]; });

    // 3. findings by rule, stacked by severity
    const rules = a.rules.slice().sort((x, y) => y.findings - x.findings);
    const rulesChart = chart("chart-rules", {
      tooltip: axisTooltip(i => `<b>${esc(rules[i].code)}</b> ${esc(rules[i].title)}<br>涉及 ${fmt.int(rules[i].forms)} 张表`),
      legend: {top: 0}, grid: {left: 50, right: 20, top: 36, bottom: 30},
      xAxis: {type: "category", data: rules.map(r => r.code), triggerEvent: true,
              axisLabel: {interval: 0, rotate: rules.length > 30 ? 45 : 0}},
      yAxis: {type: "value", name: "条数", minInterval: 1},
      series: sevSeries(rules),
    }, !rules.length);
    rulesChart.on("click", p => {
      const code = p.componentType === "xAxis" ? p.value : rules[p.dataIndex] && rules[p.dataIndex].code;
      if (code) filterForms(`有 ${code} 问题的表`, r => (r[IX.codes] || "").split(" ").includes(code));
    });

    // 4. findings by department, stacked by severity
    const departments = a.departments.slice().sort((x, y) => (y.errors - x.errors) || (y.warnings - x.warnings) || (y.infos - x.infos));
    const levels = a.deduction_levels.filter(d => d.points_lost > 0).sort((x, y) => y.points_lost - x.points_lost).slice(0, 20);
    const rows = Math.max(Math.min(departments.length, 20), levels.length);  // the two charts share a row
    barHeight(document.getElementById("chart-departments"), rows);
    barHeight(document.getElementById("chart-deductions"), rows);
    const departmentsChart = chart("chart-departments", {
      tooltip: axisTooltip(i => `<b>${esc(departments[i].department || "（未填主管部门）")}</b>，${fmt.int(departments[i].forms)} 张表` +
        (departments[i].top_rules.length ? `<br>最常见：${esc(departments[i].top_rules.join("、"))}` : "")),
      legend: {top: 0}, grid: {left: 10, right: 40, top: 36, bottom: 24, containLabel: true},
      yAxis: {type: "category", data: departments.map(d => d.department || "（未填主管部门）"), inverse: true, triggerEvent: true,
              axisLabel: {interval: 0, width: 220, overflow: "truncate"}},
      xAxis: {type: "value", name: "条数", minInterval: 1},
      dataZoom: departments.length > 20 ? [{type: "slider", yAxisIndex: 0, startValue: 0, endValue: 19, right: 4, width: 14},
                                           {type: "inside", yAxisIndex: 0}] : [],
      series: sevSeries(departments),
    }, !departments.length);
    departmentsChart.on("click", p => {
      const i = p.componentType === "yAxis" ? departments.findIndex(d => (d.department || "（未填主管部门）") === p.value) : p.dataIndex;
      const d = departments[i];
      if (d) filterForms(`主管部门：${d.department || "（未填主管部门）"}`, r => (r[IX.department] ?? null) === (d.department ?? null));
    });

    // 5. points lost by 二级指标
    chart("chart-deductions", {
      tooltip: {trigger: "axis", axisPointer: {type: "shadow"}, formatter: items => {
        const d = levels[items[0].dataIndex];
        return `<b>${esc(d.level1 || "")} · ${esc(d.level2 || "（未填）")}</b><br>共扣 ${fmt.score(d.points_lost)} 分` +
          `<br>${fmt.int(d.deducted)} / ${fmt.int(d.indicators)} 个指标扣分，其中 ${fmt.int(d.with_reason)} 个写了偏差原因`;
      }},
      grid: {left: 10, right: 50, top: 16, bottom: 24, containLabel: true},
      yAxis: {type: "category", data: levels.map(d => `${d.level1 || ""} · ${d.level2 || "（未填）"}`), inverse: true,
              axisLabel: {interval: 0, width: 240, overflow: "truncate"}},
      xAxis: {type: "value", name: "扣分"},
      series: [{name: "扣分", type: "bar", data: levels.map(d => Math.round(d.points_lost * 100) / 100),
                itemStyle: {color: "#b0603a"}, barMaxWidth: 24, label: {show: true, position: "right"}}],
    }, !levels.length);
  }

  // ---------------------------------------------------------------- tables
  function riskText(r) {
    const p = r[IX.risk_parts];
    if (!p || r[IX.risk] == null) return "";
    const [findings, inflation, execution, factor] = p;
    const budget = r[IX.budget_wan] == null ? "全年预算未知" : `全年预算 ${fmt.wan(r[IX.budget_wan])} 万元` +
      (r[IX.fund_unit] ? "" : "，原表未注明单位，按万元计");
    return `风险分 ${fmt.risk(r[IX.risk])} =（问题 ${fmt.score(findings)} + 虚高 ${fmt.score(inflation)} + 执行 ${fmt.score(execution)}）` +
      `× 金额系数 ${factor.toFixed(2)}（${budget}）\n${META.risk.formula}`;
  }
  function budgetCell(v, r) {
    if (v == null) return "";
    const unit = r[IX.fund_unit];
    const original = unit === "元" ? `原表：${fmt.amount(v * MONEY.yuan_per_wan)} 元` : `原表单位：${unitNote(unit)}`;
    const note = unit === "元" ? "元" : unit ? null : "按万元";  // an unstated unit is assumed, and says so
    return el("span", {title: original}, fmt.wan(v), note ? el("span", {class: "unit-note"}, note) : null);
  }
  function filterForms(label, test) {
    const table = state.tables.forms;
    if (!table) return;
    table.setExternal(label, test);
    document.getElementById("sec-forms").scrollIntoView({block: "start"});
  }
  const CARD_FILTERS = {
    error: ["有错误的表", r => r[IX.errors] > 0],
    warning: ["有警告的表", r => r[IX.warnings] > 0],
    info: ["有提示的表", r => r[IX.infos] > 0],
  };
  function wireCards() {
    for (const card of document.querySelectorAll(".card[data-filter]")) {
      const apply = () => {
        const key = card.dataset.filter;
        if (key === "all") { state.tables.forms.clearAll(); document.getElementById("sec-forms").scrollIntoView({block: "start"}); }
        else filterForms(...CARD_FILTERS[key]);
      };
      card.addEventListener("click", apply);
      card.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); apply(); } });
    }
    document.getElementById("risk-formula").textContent = META.risk.formula;
  }

  const worst = r => r[IX.errors] ? "有错误" : r[IX.warnings] ? "有警告" : r[IX.infos] ? "仅有提示" : "无问题";
  const countCell = sev => v => v ? el("span", {class: "n n-" + sev}, fmt.int(v)) : el("span", {class: "n-zero"}, "0");
  const byIdx = key => r => r[IX[key]];
  const yearSel = get => ({label: "年度", get});
  const depSel = get => ({label: "主管部门", get});

  function buildTables() {
    const a = state.analytics;
    const T = state.tables;
    const formColumns = [
      {label: "风险分", get: byIdx("risk"), num: true, render: (v, r) => el("span", {class: "risk", title: riskText(r)}, fmt.risk(v))},
      {label: "项目名称", get: byIdx("project_name"), render: (v, r) => formLink(r[IX.id], v)},
      {label: "主管部门", get: byIdx("department")},
      {label: "年度", get: byIdx("year"), num: true},
      {label: "全年预算（万元）", get: byIdx("budget_wan"), num: true, render: (v, r) => budgetCell(v, r)},
      {label: "自评得分", get: byIdx("total_score"), num: true, fmt: fmt.score},
      {label: "重算得分", get: byIdx("total_score_recomputed"), num: true, fmt: fmt.score},
      {label: "执行率（重算）", get: byIdx("execution_rate_recomputed"), num: true, fmt: fmt.pct},
      {label: "自评等级", get: byIdx("grade")},
      {label: "重算等级", get: byIdx("grade_recomputed")},
      {label: "错误", get: byIdx("errors"), num: true, render: countCell("error")},
      {label: "警告", get: byIdx("warnings"), num: true, render: countCell("warning")},
      {label: "提示", get: byIdx("infos"), num: true, render: countCell("info")},
    ];
    T.forms = new Table(document.getElementById("table-forms"), {
      rows: state.index, columns: formColumns, sort: ["风险分", -1],
      text: r => `${r[IX.project_name] ?? ""} ${r[IX.department] ?? ""} ${r[IX.id]}`, placeholder: "项目名称或主管部门…",
      filters: [yearSel(byIdx("year")), depSel(byIdx("department")), {label: "评分等级", get: byIdx("grade")},
                {label: "问题", get: worst, options: ["有错误", "有警告", "仅有提示", "无问题"]}],
    });

    const outliers = a.outliers.filter(([id]) => state.byId.has(id)).map(([id, reason]) => [state.byId.get(id), reason]);
    T.outliers = new Table(document.getElementById("table-outliers"), {
      rows: outliers, sort: ["执行率（重算）", 1],
      columns: [
        {label: "项目名称", get: r => r[0][IX.project_name], render: (v, r) => formLink(r[0][IX.id], v)},
        {label: "主管部门", get: r => r[0][IX.department]},
        {label: "年度", get: r => r[0][IX.year], num: true},
        {label: "执行率（重算）", get: r => r[0][IX.execution_rate_recomputed], num: true, fmt: fmt.pct},
        {label: "自评得分", get: r => r[0][IX.total_score], num: true, fmt: fmt.score},
        {label: "重算得分", get: r => r[0][IX.total_score_recomputed], num: true, fmt: fmt.score},
        {label: "自评等级", get: r => r[0][IX.grade]},
        {label: "原因", get: r => r[1], cls: "reason"},
      ],
      text: r => `${r[0][IX.project_name] ?? ""} ${r[0][IX.department] ?? ""} ${r[1]}`, placeholder: "项目、部门或原因…",
      filters: [yearSel(r => r[0][IX.year]), depSel(r => r[0][IX.department])],
    });

    T.rules = new Table(document.getElementById("table-rules"), {
      rows: a.rules, sort: ["条数", -1], pageSize: 100,
      columns: [
        {label: "规则", get: r => r.code, cls: "code"},
        {label: "说明", get: r => r.title},
        {label: "严重程度", get: r => SEV[r.severity] || r.severity, render: (v, r) => el("span", {class: "sev sev-" + r.severity}, v)},
        {label: "类别", get: r => META.categories[r.category] || r.category},
        {label: "条数", get: r => r.findings, num: true, fmt: fmt.int},
        {label: "涉及表数", get: r => r.forms, num: true, fmt: fmt.int},
        {label: "错误", get: r => r.errors, num: true, render: countCell("error")},
        {label: "警告", get: r => r.warnings, num: true, render: countCell("warning")},
        {label: "提示", get: r => r.infos, num: true, render: countCell("info")},
      ],
      text: r => `${r.code} ${r.name} ${r.title}`, placeholder: "规则编号或说明…",
      filters: [{label: "严重程度", get: r => SEV[r.severity] || r.severity, options: SEV_ORDER.map(s => SEV[s])},
                {label: "类别", get: r => META.categories[r.category] || r.category}],
    });

    const series = a.projects.series;
    document.getElementById("projects-count").textContent = `（共识别出 ${fmt.int(a.projects.projects)} 个跨年度项目，其中 ${fmt.int(series.length)} 个调整了指标目标）`;
    const changes = tableOf(a.projects.changes);
    const DIRECTION = {lowered: "调低", raised: "调高", changed: "改变"};
    T.projects = new Table(document.getElementById("table-projects"), {
      rows: changes, sort: ["变化", 1],
      rowClass: r => r.direction === "lowered" ? "lowered" : null,
      columns: [
        {label: "项目名称", get: r => series[r.series][1], render: (v, r) => formLink(r.to_form, v)},
        {label: "主管部门", get: r => series[r.series][0]},
        {label: "各年得分", get: r => series[r.series][2], cls: "small"},
        {label: "二级指标", get: r => r.level2},
        {label: "三级指标", get: r => r.name},
        {label: "年度", get: r => `${r.from_year} → ${r.to_year}`, sortKey: r => r.to_year},
        {label: "目标（前）", get: r => r.target_text_from, render: (v, r) => formLink(r.from_form, v)},
        {label: "目标（后）", get: r => r.target_text_to},
        {label: "变化", get: r => DIRECTION[r.direction] || r.direction,
         render: (v, r) => el("span", {class: "dir dir-" + r.direction}, v), sortKey: r => ["lowered", "changed", "raised"].indexOf(r.direction)},
        {label: "说明", get: r => r.note, cls: "reason"},
      ],
      text: r => `${series[r.series][1]} ${series[r.series][0]} ${r.level2 ?? ""} ${r.name ?? ""} ${r.note}`,
      placeholder: "项目、部门或指标…",
      filters: [depSel(r => series[r.series][0]), {label: "变化", get: r => DIRECTION[r.direction] || r.direction,
                options: ["调低", "调高", "改变"]}],
    });

    const library = tableOf(a.library);
    const range = (lo, hi) => lo == null ? "" : lo === hi ? fmt.score(lo) : `${fmt.score(lo)}–${fmt.score(hi)}`;
    T.library = new Table(document.getElementById("table-library"), {
      rows: library, sort: ["表数", -1],
      columns: [
        {label: "一级指标", get: r => r.level1},
        {label: "二级指标", get: r => r.level2},
        {label: "三级指标", get: r => r.name},
        {label: "表数", get: r => r.forms, num: true, fmt: fmt.int},
        {label: "常见指标值", get: r => r.typical_target},
        {label: "指标值范围（中位数）", get: r => r.target_median,
         render: (v, r) => r.target_min == null ? "" : `${range(r.target_min, r.target_max)}（${fmt.score(r.target_median)}）`},
        {label: "单位", get: r => (r.units || []).join("、")},
        {label: "常见分值", get: r => r.typical_weight, num: true, fmt: fmt.score},
        {label: "分值范围", get: r => r.weight_min, render: (v, r) => range(r.weight_min, r.weight_max)},
      ],
      text: r => `${r.level1 ?? ""} ${r.level2 ?? ""} ${r.name}`, placeholder: "指标名称…",
      filters: [{label: "一级指标", get: r => r.level1}, {label: "二级指标", get: r => r.level2}],
    });

    const deductions = tableOf(a.deductions);
    if (a.deductions_capped) document.getElementById("deductions-cap").textContent = `，只列前 ${fmt.int(a.deductions_capped)} 条`;
    T.deductions = new Table(document.getElementById("table-deductions"), {
      rows: deductions, sort: ["扣分", -1],
      rowClass: r => r.reason ? null : "no-reason",
      columns: [
        {label: "项目名称", get: r => r.project_name, render: (v, r) => formLink(r.form_id, v)},
        {label: "主管部门", get: r => r.department},
        {label: "年度", get: r => r.year, num: true},
        {label: "指标", get: r => [r.level1, r.level2, r.name].filter(Boolean).join(" / ")},
        {label: "年度指标值", get: r => r.target},
        {label: "实际完成值", get: r => r.actual},
        {label: "分值", get: r => r.weight, num: true, fmt: fmt.score},
        {label: "得分", get: r => r.score, num: true, fmt: fmt.score},
        {label: "扣分", get: r => r.lost, num: true, fmt: fmt.score},
        {label: "偏差原因", get: r => r.reason, render: v => v || el("span", {class: "missing"}, "未说明"), cls: "reason"},
      ],
      text: r => `${r.project_name ?? ""} ${r.department ?? ""} ${r.level2 ?? ""} ${r.name ?? ""} ${r.reason ?? ""}`,
      placeholder: "项目、部门、指标或原因…",
      filters: [yearSel(r => r.year), depSel(r => r.department), {label: "一级指标", get: r => r.level1},
                {label: "偏差原因", get: r => r.reason ? "已说明" : "未说明", options: ["已说明", "未说明"]}],
    });
  }

  // ---------------------------------------------------------------- the form page (绩效自评表)
  const FUND_COLUMNS = [["initial_budget", "年初预算数"], ["annual_budget", "全年预算数"], ["executed", "全年执行数"],
                        ["weight", "分值"], ["execution_rate", "执行率（%）"], ["score", "得分"]];
  const INDICATOR_COLUMNS = [["level1", "一级指标"], ["level2", "二级指标"], ["name", "三级指标"], ["target", "年度指标值"],
                             ["actual", "实际完成值"], ["weight", "分值"], ["score", "得分"], ["deviation", "偏差原因分析及改进措施"]];
  const close = (a, b, tol) => a != null && b != null && Math.abs(a - b) <= tol;

  function recomputedNote(printed, value, digits, label) {
    if (value == null) return null;
    const shown = digits === 2 ? fmt.rate(value) : fmt.score(value);
    const same = printed == null || close(printed, value, digits === 2 ? 0.0051 : 0.011);
    return el("span", {class: same ? "recomp" : "recomp differs", title: "jixiao 按规则重算的" + label}, "重算 " + shown);
  }

  function formTable(f, cells) {
    const put = (path, node) => { (cells[path] = cells[path] || []).push(node); return node; };
    const td = (path, attrs, ...content) => put(path, el("td", Object.assign({"data-path": path}, attrs || {}), ...content));
    const rows = [];
    rows.push(el("tr", {}, el("th", {}, "项目名称"), td("project_name", {colspan: 7}, f.project_name ?? "")));
    rows.push(el("tr", {}, el("th", {}, "主管部门"), td("department", {colspan: 3}, f.department ?? ""),
      el("th", {}, "实施单位"), td("implementing_unit", {colspan: 3}, f.implementing_unit ?? "")));
    const fundHead = put("funds", el("th", {rowspan: 5, "data-path": "funds"}, "项目资金", el("br"), `（${MONEY.unit}）`,
      f.fund_unit === MONEY.unit ? null : el("span", {class: "recomp", title: "原表的金额单位；表中金额已换算为万元"}, f.fund_unit ? `原表单位：${f.fund_unit}` : "原表未注明单位")));
    put("fund_unit", fundHead);
    rows.push(el("tr", {class: "head"}, fundHead, el("th", {}, ""), FUND_COLUMNS.map(([, label]) => el("th", {}, label))));
    const funds = Object.fromEntries(f.funds.map(r => [r.row, r]));
    for (const [key, label] of META.fund_rows) {
      const r = funds[key] || {};
      const tr = put("funds." + key, el("tr", {"data-path": "funds." + key}, el("th", {class: "rowlabel"}, label)));
      for (const [column] of FUND_COLUMNS) {
        const value = r[column];
        const amount = column !== "weight" && column !== "score" && column !== "execution_rate";
        const text = column === "weight" || column === "score" ? fmt.score(value) : column === "execution_rate" ? fmt.rate(value)
          : fmt.wan(toWan(value, f.fund_unit));
        const extra = column === "execution_rate" ? recomputedNote(value, r.execution_rate_recomputed, 2, "执行率")
          : column === "score" ? recomputedNote(value, r.score_recomputed, 1, "得分")
          : amount && value && f.fund_unit === "元" ? el("span", {class: "recomp", title: "原表所填的数（元）"}, `原表 ${fmt.amount(value)} 元`) : null;
        tr.append(td(`funds.${key}.${column}`, {class: "num"}, text, extra));
      }
      rows.push(tr);
    }
    const goalHead = el("th", {rowspan: 2}, "年度总体目标");
    rows.push(el("tr", {class: "head"}, goalHead, el("th", {colspan: 4}, "预期目标"), el("th", {colspan: 3}, "实际完成情况")));
    rows.push(el("tr", {}, td("goal_expected", {colspan: 4, class: "text"}, f.goal_expected ?? ""),
      td("goal_actual", {colspan: 3, class: "text"}, f.goal_actual ?? "")));
    rows.push(put("indicators", el("tr", {class: "head", "data-path": "indicators"}, INDICATOR_COLUMNS.map(([, label]) => el("th", {}, label)))));
    const inds = f.indicators;
    inds.forEach((ind, i) => {
      const path = "indicators." + i;
      const tr = put(path, el("tr", {"data-path": path}));
      const same1 = i > 0 && ind.level1 != null && ind.level1 === inds[i - 1].level1;
      const same2 = same1 && ind.level2 != null && ind.level2 === inds[i - 1].level2;
      for (const [column] of INDICATOR_COLUMNS) {
        const cellPath = `${path}.${column}`;
        if ((column === "level1" && same1) || (column === "level2" && same2)) {
          put(cellPath, cells[`indicators.${i - 1}.${column}`][0]);  // the merged cell above
          continue;
        }
        let span = 1;
        if (column === "level1" || column === "level2") {
          while (i + span < inds.length && inds[i + span][column] != null && inds[i + span][column] === ind[column]
                 && (column === "level1" || inds[i + span].level1 === ind.level1)) span++;
        }
        const value = ind[column];
        const numeric = column === "weight" || column === "score";
        const attrs = {class: numeric ? "num" : column === "deviation" ? "text" : null, rowspan: span > 1 ? span : null};
        let extra = null;
        if (column === "score" && ind.kind) {
          attrs.title = (META.kinds[ind.kind] || ind.kind) + (ind.score_low != null ? `；按规则得分应在 ${fmt.score(ind.score_low)}–${fmt.score(ind.score_high)}` : "");
          if (value != null && ind.score_low != null && (value < ind.score_low - 0.011 || value > ind.score_high + 0.011)) {
            extra = el("span", {class: "recomp differs"}, `应为 ${fmt.score(ind.score_low)}–${fmt.score(ind.score_high)}`);
          }
        }
        tr.append(td(cellPath, attrs, numeric ? fmt.score(value) : value ?? "", extra));
      }
      rows.push(tr);
    });
    rows.push(el("tr", {class: "total"}, el("th", {colspan: 5}, "总分"),
      td("total_weight", {class: "num"}, fmt.score(f.total_weight)),
      td("total_score", {class: "num"}, fmt.score(f.total_score), recomputedNote(f.total_score, f.total_score_recomputed, 1, "总分")),
      el("td", {})));
    rows.push(el("tr", {}, el("th", {colspan: 2}, "评分等级"),
      td("grade", {colspan: 6, class: "grade"}, f.grade ?? "",
         f.grade_recomputed ? el("span", {class: !f.grade || f.grade_recomputed === f.grade ? "recomp" : "recomp differs"}, "重算等级 " + f.grade_recomputed) : null)));
    return el("table", {class: "jxform"},
      el("colgroup", {}, [9, 13, 14, 12, 12, 8, 9, 23].map(w => el("col", {style: `width:${w}%`}))), el("tbody", {}, rows));
  }

  function cellOf(cells, path) {
    const parts = path.split(".");
    for (let n = parts.length; n > 0; n--) {
      const found = cells[parts.slice(0, n).join(".")];
      if (found) return found[0];
    }
    return null;
  }
  const sourceOf = (f, line) => line != null ? `${f.file}:${line}` : f.first_line != null ? `${f.file}:${f.first_line}` : f.file;
  const placeOf = path => path.replace(/^funds\.(\w+)/, (m, row) => "资金·" + (Object.fromEntries(META.fund_rows)[row] || row))
    .replace(/^indicators\.(\d+)/, (m, i) => `指标第 ${Number(i) + 1} 行`).replace(/\.(\w+)$/, (m, c) => "·" + (META.fields[c] || c))
    .replace(/^(\w+)$/, (m, c) => META.fields[c] || c);

  function findingNote(f, finding, n) {
    return el("div", {class: "note-item"},
      el("div", {}, el("span", {class: "fnum sev-" + finding.severity}, n), " ", el("b", {}, finding.code), " ",
        el("span", {class: "sev sev-" + finding.severity}, SEV[finding.severity] || finding.severity), " ", finding.message),
      finding.provided != null ? el("div", {}, "表上：", plain(finding.provided)) : null,
      finding.expected != null ? el("div", {}, "应为：", plain(finding.expected)) : null,
      finding.explanation ? el("div", {class: "explain"}, "重算：", finding.explanation) : null,
      el("div", {class: "src"}, "来源：", sourceOf(f, finding.line)));
  }

  function markCells(f, cells, table, popup) {
    const marks = new Map();
    f.findings.forEach((finding, i) => {
      if (finding.waived != null) return;
      const node = cellOf(cells, finding.path) || table;
      if (!marks.has(node)) marks.set(node, []);
      marks.get(node).push(i);
    });
    for (const [node, list] of marks) {
      const sev = SEV_ORDER.find(s => list.some(i => f.findings[i].severity === s)) || "info";
      node.classList.add("mark", "mark-" + sev);
      node.dataset.findings = list.map(i => i + 1).join(",");
      const host = node.tagName === "TR" ? node.firstElementChild : node.tagName === "TABLE" ? null : node;
      const badge = el("span", {class: "badges"}, list.map(i => el("sup", {class: "fnum sev-" + f.findings[i].severity}, i + 1)));
      if (host) host.append(badge);
      const show = ev => {
        popup.replaceChildren(...list.map(i => findingNote(f, f.findings[i], i + 1)));
        popup.hidden = false;
        const box = node.getBoundingClientRect();
        popup.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - 440)) + "px";
        popup.style.top = (window.scrollY + box.bottom + 4) + "px";
        if (ev.type === "click") ev.stopPropagation();
      };
      (host || node).addEventListener("mouseenter", show);
      (host || node).addEventListener("click", show);
      (host || node).addEventListener("mouseleave", () => { popup.hidden = true; });
    }
  }

  function findingsList(f, cells) {
    const live = f.findings.map((x, i) => [x, i]).filter(([x]) => x.waived == null);
    const waived = f.findings.map((x, i) => [x, i]).filter(([x]) => x.waived != null);
    const head = el("tr", {}, ["序号", "规则", "严重程度", "位置", "说明", "应为", "重算过程", "来源"].map(h => el("th", {}, h)));
    const line = ([x, i], isWaived) => el("tr", {class: isWaived ? "waived" : "sev-row-" + x.severity, "data-path": x.path},
      el("td", {}, el("a", {href: "javascript:void 0", class: "fnum sev-" + x.severity, onclick: () => {
        const node = cellOf(cells, x.path);
        if (node) { node.scrollIntoView({block: "center"}); node.classList.remove("flash"); void node.offsetWidth; node.classList.add("flash"); }
      }}, i + 1)),
      el("td", {class: "code", title: META.rules[x.code] || ""}, x.code),
      el("td", {}, el("span", {class: "sev sev-" + x.severity}, SEV[x.severity] || x.severity)),
      el("td", {class: "small"}, placeOf(x.path)),
      el("td", {}, x.message, isWaived ? el("div", {class: "small"}, "已豁免：", x.waived) : null),
      el("td", {class: "num"}, plain(x.expected)),
      el("td", {class: "explain"}, x.explanation ?? ""),
      el("td", {class: "src"}, sourceOf(f, x.line)));
    return el("div", {},
      el("h3", {}, `核查发现（${live.length} 条）`),
      live.length ? el("table", {class: "data findings"}, el("thead", {}, head), el("tbody", {}, live.map(x => line(x, false))))
        : el("p", {class: "muted"}, "未发现问题。"),
      waived.length ? [el("h3", {}, `已豁免（${waived.length} 条）`),
        el("table", {class: "data findings"}, el("thead", {}, head.cloneNode(true)), el("tbody", {}, waived.map(x => line(x, true))))] : null,
      f.read_warnings.length ? [el("h3", {}, `读取提示（${f.read_warnings.length} 条）`),
        el("ul", {class: "read-warnings"}, f.read_warnings.map(w => el("li", {}, el("b", {}, w.code), " ", w.message,
          el("span", {class: "src"}, "　来源：", sourceOf(f, w.line)))))] : null);
  }

  function neighbours(id) {
    const view = state.tables.forms ? state.tables.forms.view : state.index;
    const at = view.findIndex(r => r[IX.id] === id);
    if (at < 0) return null;
    const link = (r, text) => r ? el("a", {href: "#form/" + r[IX.id]}, text) : el("span", {class: "muted"}, text);
    return el("span", {class: "neighbours"}, link(view[at - 1], "← 上一张"),
      ` 第 ${fmt.int(at + 1)} / ${fmt.int(view.length)} 张（按总表当前的筛选和排序） `, link(view[at + 1], "下一张 →"));
  }

  async function showForm(id) {
    const page = document.getElementById("form-page");
    const row = state.byId.get(id);
    const back = el("a", {href: "#", class: "back"}, "← 返回总览");
    page.replaceChildren(el("nav", {class: "form-nav"}, back, row ? neighbours(id) : null), el("p", {class: "muted"}, "正在读取…"));
    const f = row ? await formRecord(id) : null;
    if (!f) {
      page.replaceChildren(el("nav", {class: "form-nav"}, back, row ? neighbours(id) : null),
        el("p", {class: "notice"}, row ? `“${row[IX.project_name] ?? ""}”的详细页面没有收录在本报告中（${META.pages.note}）。`
          : `本报告中没有编号为 ${id} 的绩效自评表。`));
      return;
    }
    const cells = {};
    const table = formTable(f, cells);
    const popup = el("div", {class: "popup", hidden: true, role: "tooltip"});
    const h2 = el("h2", {class: "form-title", "data-path": "title"}, f.title || "财政项目支出绩效自评表");
    const year = el("p", {class: "form-year", "data-path": "year"}, f.year != null ? `（${f.year}年度）` : "（年度未填）");
    cells.title = [h2];
    cells.year = [year];
    markCells(f, cells, table, popup);
    const rate = f.execution_rate_recomputed;
    const risk = row && row[IX.risk] != null ? el("span", {title: riskText(row)}, "风险分 ", el("b", {class: "c-risk"}, fmt.risk(row[IX.risk]))) : null;
    const summary = el("div", {class: "form-summary"}, risk,
      el("span", {}, "自评得分 ", el("b", {}, fmt.score(f.total_score) || "未填")),
      el("span", {}, "重算得分 ", el("b", {}, fmt.score(f.total_score_recomputed) || "无法重算")),
      el("span", {}, "自评等级 ", el("b", {}, f.grade || "未填")),
      el("span", {}, "重算等级 ", el("b", {}, f.grade_recomputed || "—")),
      el("span", {}, "预算执行率（重算） ", el("b", {}, rate != null ? fmt.pct(rate) : "—")),
      SEV_ORDER.map(s => el("span", {}, SEV[s] + " ", el("b", {class: "c-" + s},
        f.findings.filter(x => x.waived == null && x.severity === s).length))));
    const source = el("p", {class: "src form-src"}, "来源：", f.first_line != null ? `${f.file}:${f.first_line}–${f.last_line ?? ""}` : f.file,
      `（文件中第 ${f.form_index + 1} 张表${f.page != null ? `，第 ${f.page} 页` : ""}）`);
    page.replaceChildren(el("nav", {class: "form-nav"}, back, neighbours(id)), source, summary,
      el("div", {class: "sheet"}, h2, year, table),
      el("p", {class: "legend"}, "标色的单元格有核查发现：", el("span", {class: "sev sev-error"}, "错误"), " ",
        el("span", {class: "sev sev-warning"}, "警告"), " ", el("span", {class: "sev sev-info"}, "提示"),
        "。鼠标移到单元格上（或点击）可看说明和重算过程；“重算”是 jixiao 按规则算出的数，与表上不同时标红。"),
      findingsList(f, cells), popup);
    document.addEventListener("click", () => { popup.hidden = true; }, {once: true});
  }

  // ---------------------------------------------------------------- routing
  async function route() {
    const match = /^#form\/(\d+)$/.exec(location.hash);
    const overview = document.getElementById("overview");
    const page = document.getElementById("form-page");
    if (match) {
      if (!overview.hidden) state.overviewScroll = window.scrollY;
      overview.hidden = true;
      page.hidden = false;
      window.scrollTo(0, 0);
      await showForm(Number(match[1]));
      document.title = META.title + " · 表 " + match[1];
    } else {
      page.hidden = true;
      page.replaceChildren();
      overview.hidden = false;
      document.title = META.title;
      Object.values(state.charts).forEach(c => c.resize());
      let target = null;
      try { target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { /* not an id */ }
      if (target) target.scrollIntoView(); else window.scrollTo(0, state.overviewScroll);
    }
  }

  async function main() {
    if (typeof DecompressionStream === "undefined") {
      document.getElementById("loading").textContent = "此浏览器不支持本报告使用的解压功能，请用新版 Chrome、Edge、Firefox 或 Safari 打开。";
      return;
    }
    const [analytics, ...index] = await Promise.all([inflate(document.getElementById("jx-analytics")),
      ...[...document.querySelectorAll("script.jx-index")].map(inflate)]);
    state.analytics = analytics;
    state.index = index.flat();
    for (const r of state.index) state.byId.set(r[IX.id], r);
    drawCharts();
    buildTables();
    wireCards();
    document.getElementById("loading").hidden = true;
    window.addEventListener("hashchange", route);
    window.addEventListener("resize", debounce(() => Object.values(state.charts).forEach(c => c.resize()), 150));
    await route();
    document.body.dataset.ready = "1";
  }

  window.jixiaoReport = state;  // for tests and for researchers poking at the data in the console
  main().catch(err => {
    document.getElementById("loading").textContent = "报告数据读取失败：" + err;
    throw err;
  });
})();
