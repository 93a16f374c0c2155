// Matching run page: follow the run's progress and open the review page when it is done.
// Without JavaScript the page offers a refresh link instead.
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box) { return; }
  var bar = document.getElementById("progress-bar");
  var value = document.getElementById("progress-value");
  var url = box.getAttribute("data-status-url");
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (run) {
        bar.value = run.progress;
        bar.textContent = run.progress + "%";
        value.textContent = run.progress;
        if (run.status === "done" || run.status === "confirmed") {
          window.location.assign(run.review_url);
        } else if (run.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 500);
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
})();
