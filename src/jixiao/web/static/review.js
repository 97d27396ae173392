// The form page's return form: a click on a cell of the sheet picks it for the next empty row of comments on
// single cells (逐项意见); "再加一条" adds a row; a link in the list of a return's comments shows its cell.
(function () {
  "use strict";
  const PATH = 'input[name="note_path"]';
  const COMMENT = 'input[name="note_comment"]';
  const rows = document.getElementById("note-rows");
  const sheet = document.getElementById("sheet");
  if (rows && sheet) {
    sheet.querySelectorAll(".sheet").forEach((table) => table.classList.add("pick"));
    sheet.addEventListener("click", (event) => {
      const cell = event.target.closest("td[data-path]");
      if (!cell) return;
      const free = Array.from(rows.querySelectorAll(".note-row")).find((row) => !row.querySelector(PATH).value)
        || addRow();
      free.querySelector(PATH).value = cell.dataset.path;
      free.querySelector(COMMENT).focus();
    });
    document.getElementById("add-note").addEventListener("click", addRow);
  }

  function addRow() {
    const all = rows.querySelectorAll(".note-row");
    const row = all[all.length - 1].cloneNode(true);
    row.querySelector(PATH).value = "";
    row.querySelector(COMMENT).value = "";
    all[all.length - 1].after(row);
    return row;
  }

  document.querySelectorAll("[data-goto]").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const cell = document.querySelector('td[data-path="' + link.dataset.goto.replace(/"/g, "") + '"]');
      if (cell) { cell.scrollIntoView({ block: "center" }); cell.classList.add("flash"); }
    });
  });
})();
