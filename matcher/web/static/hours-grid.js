// Keyboard moves in the weekly hours grid: arrows between cells, Enter to the next participant.
(function () {
  "use strict";
  var grid = document.querySelector("[data-hours-grid]");
  if (!grid) { return; }
  function cell(row, col) {
    var tr = grid.tBodies[0].rows[row];
    return tr ? tr.cells[col + 1].querySelector("input:not([disabled])") : null;
  }
  function position(input) {
    var td = input.closest("td");
    return { row: td.parentElement.sectionRowIndex, col: td.cellIndex - 1 };
  }
  function move(input, dRow, dCol) {
    var at = position(input), rows = grid.tBodies[0].rows.length;
    for (var row = at.row + dRow, col = at.col + dCol; row >= 0 && row < rows && col >= 0 && col < 7;
         row += dRow, col += dCol) {
      var next = cell(row, col);
      if (next) { next.focus(); next.select(); return true; }
    }
    return false;
  }
  grid.addEventListener("keydown", function (event) {
    var input = event.target;
    if (input.tagName !== "INPUT") { return; }
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    var moves = {
      ArrowDown: [1, 0], Enter: [1, 0], ArrowUp: [-1, 0],
      ArrowRight: atEnd ? [0, 1] : null, ArrowLeft: atStart ? [0, -1] : null
    };
    var step = moves[event.key];
    if (step && !event.shiftKey && !event.altKey && !event.ctrlKey) {
      move(input, step[0], step[1]);
      event.preventDefault();
    }
  });
})();
