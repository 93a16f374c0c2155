// Review page: a decision is saved without reloading the page. Progressive enhancement: the
// decision forms post and redirect without JavaScript; here the same form (with its CSRF token
// and the proposal's version) is posted with fetch, and the server's re-rendered row and
// summary replace the old ones. The status region says what was saved, or why not.
(function () {
  "use strict";
  var people = document.getElementById("review-people");
  var status = document.getElementById("review-status");
  if (!people || !status || !window.fetch || !window.FormData) { return; }
  var failed = people.getAttribute("data-error");

  function replace(id, html) {
    var old = document.getElementById(id);
    if (!old) { return null; }
    var holder = document.createElement(old.tagName === "TR" ? "tbody" : "div");
    holder.innerHTML = html.trim();
    var fresh = holder.firstElementChild;
    old.parentNode.replaceChild(fresh, old);
    return fresh;
  }

  function setBusy(form, busy) {
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) {
      button.disabled = busy;
    });
    form.closest("tr").setAttribute("aria-busy", busy ? "true" : "false");
  }

  // Capture phase: runs before submit-once.js, which then leaves this submit alone.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-decide")) { return; }
    var submitter = event.submitter;
    if (!submitter || !submitter.name) { return; } // let the browser post it
    event.preventDefault();
    var data = new FormData(form);
    data.append(submitter.name, submitter.value);
    var rowId = form.closest("tr").id;
    var choice = submitter.value;
    setBusy(form, true);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        if (!response.ok && response.status !== 409) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (answer) {
        var row = replace(rowId, answer.row);
        replace("review-summary", answer.summary);
        status.textContent = answer.message;
        var again = row && row.querySelector("button[value='" + choice + "']");
        if (again) { again.focus(); }
      })
      .catch(function () {
        setBusy(form, false);
        status.textContent = failed;
        submitter.focus();
      });
  }, true);
}());
