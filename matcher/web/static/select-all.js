// "Select all" on the approvals page: ticking it ticks every entry's checkbox (and unticking
// clears them); without JavaScript the server reads the box itself as "every entry shown".
(function () {
  "use strict";
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var name = all.getAttribute("data-select-all");
    var boxes = function () {
      return document.querySelectorAll("input[type=checkbox][name='" + name + "']");
    };
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
    boxes().forEach(function (box) {
      box.addEventListener("change", function () {
        if (!box.checked) { all.checked = false; }
      });
    });
  });
})();
