// The dashboard's charts (/dashboard): drawn with the ECharts file the app serves, from the figures the page was
// made with (its <script type="application/json" id="figures"> block: what /dashboard.json gives), computed once.
"use strict";

(function () {
  const box = document.getElementById("charts");
  const figures = document.getElementById("figures");
  if (!box || !figures || typeof echarts === "undefined") {
    if (box) box.dataset.state = "failed";
    return;
  }
  const TOP = 15;
  const COLOURS = {error: "#d9534f", warning: "#f0ad4e", info: "#5bc0de", self: "#4a78b0", recomputed: "#9ab7d6"};
  const charts = [];

  function draw(id, option) {
    const node = document.getElementById(id);
    const chart = echarts.init(node, null, {renderer: "canvas"});
    chart.setOption(Object.assign({animation: false, tooltip: {}, grid: {containLabel: true, left: 8, right: 16}},
                                  option));
    charts.push(chart);
  }

  function empty(id) {
    document.getElementById(id).textContent = "没有可画的数据";
  }

  function columns(table) {
    return table.rows.map(row => Object.fromEntries(table.columns.map((c, i) => [c, row[i]])));
  }

  function render(data) {
    const grades = Object.entries(data.overview.grades || {});
    if (grades.length) {
      draw("chart-grades", {xAxis: {type: "category", data: grades.map(g => g[0])}, yAxis: {type: "value", name: "表"},
                            series: [{type: "bar", data: grades.map(g => g[1]), itemStyle: {color: COLOURS.self}}]});
    } else empty("chart-grades");

    const points = columns(data.points);
    const scored = points.filter(p => p.self_score !== null && p.recomputed_score !== null);
    if (scored.length) {
      draw("chart-scores", {
        tooltip: {formatter: p => `${p.data[2]}<br>自评 ${p.data[0]} · 重算 ${p.data[1]}`},
        xAxis: {type: "value", name: "自评得分", min: 0, max: 100}, yAxis: {type: "value", name: "重算得分", min: 0, max: 100},
        series: [{type: "scatter", symbolSize: 6, data: scored.map(p => [p.self_score, p.recomputed_score, p.project_name || ""]),
                  itemStyle: {color: COLOURS.self}},
                 {type: "line", data: [[0, 0], [100, 100]], symbol: "none", silent: true, lineStyle: {type: "dashed", color: "#999"}}]});
    } else empty("chart-scores");

    const rules = data.rules.slice(0, TOP).reverse();
    if (rules.length) {
      draw("chart-rules", {
        legend: {data: ["错误", "警告", "提示"]}, yAxis: {type: "category", data: rules.map(r => r.code)},
        xAxis: {type: "value", name: "问题"}, tooltip: {trigger: "axis"},
        series: [["errors", "错误", "error"], ["warnings", "警告", "warning"], ["infos", "提示", "info"]].map(([key, name, tone]) => (
          {type: "bar", stack: "n", name, data: rules.map(r => r[key]), itemStyle: {color: COLOURS[tone]}}))});
    } else empty("chart-rules");

    const executed = points.filter(p => p.execution_rate !== null && p.self_score !== null);
    if (executed.length) {
      draw("chart-execution", {
        tooltip: {formatter: p => `${p.data[2]}<br>执行率 ${p.data[0]}% · 自评 ${p.data[1]}`},
        xAxis: {type: "value", name: "执行率 %", min: 0}, yAxis: {type: "value", name: "自评得分", min: 0, max: 100},
        series: [{type: "scatter", symbolSize: 6, itemStyle: {color: COLOURS.self},
                  data: executed.map(p => [Math.round(p.execution_rate * 100) / 100, p.self_score, p.project_name || ""])}]});
    } else empty("chart-execution");

    const years = data.by_year.filter(y => y.key !== null);
    if (years.length) {
      const round = v => v === null ? null : Math.round(v * 100) / 100;
      draw("chart-years", {
        legend: {data: ["自评得分", "重算得分", "执行率 %"]}, tooltip: {trigger: "axis"},
        xAxis: {type: "category", data: years.map(y => String(y.key))}, yAxis: {type: "value", min: 0},
        series: [["mean_self_score", "自评得分", COLOURS.self], ["mean_recomputed_score", "重算得分", COLOURS.recomputed],
                 ["mean_execution_rate", "执行率 %", "#7a9a50"]].map(([key, name, color]) => (
          {type: "line", name, data: years.map(y => round(y[key])), itemStyle: {color}}))});
    } else empty("chart-years");

    const levels = data.deduction_levels.filter(d => d.points_lost > 0).slice(0, TOP).reverse();
    if (levels.length) {
      draw("chart-deductions", {
        yAxis: {type: "category", data: levels.map(d => d.level2 || d.level1 || "（未填）")},
        xAxis: {type: "value", name: "扣分"},
        series: [{type: "bar", data: levels.map(d => Math.round(d.points_lost * 100) / 100), itemStyle: {color: COLOURS.error}}]});
    } else empty("chart-deductions");
    box.dataset.state = "drawn";
  }

  try {
    render(JSON.parse(figures.textContent));
  } catch (error) {
    box.dataset.state = "failed";
    document.getElementById("charts-note").textContent = `图表未能画出（${error.message}），请刷新页面再试`;
  }
  window.addEventListener("resize", () => charts.forEach(c => c.resize()));
})();
