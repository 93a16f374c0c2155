// Submit buttons disable on click: a double click or a second tap sends a form only once.
// Progressive enhancement (without JavaScript the server's one-time keys still hold): after a
// submit the form's buttons are disabled and the one pressed shows "Bezig…"; they come back
// when the page is shown again from the back/forward cache (pageshow), and after a while when
// the answer was a download, so the page stayed.
(function () {
  "use strict";
  var script = document.currentScript;
  var busyLabel = (script && script.getAttribute("data-busy-label")) || "Bezig…";
  var RESTORE_AFTER_MS = 15000; // a download leaves the page as it was

  function buttonsOf(form) {
    var inside = Array.prototype.slice.call(
      form.querySelectorAll("button:not([type=button]):not([type=reset]), input[type=submit]")
    );
    if (form.id) {
      inside = inside.concat(Array.prototype.slice.call(
        document.querySelectorAll("[form='" + form.id + "'][type=submit]")
      ));
    }
    return inside;
  }

  function restore(form) {
    delete form.dataset.submitting;
    buttonsOf(form).forEach(function (button) {
      if (button.dataset.busy !== "1") { return; }
      button.disabled = false;
      button.removeAttribute("aria-disabled");
      if (button.dataset.label !== undefined) {
        if (button.tagName === "INPUT") { button.value = button.dataset.label; }
        else { button.textContent = button.dataset.label; }
      }
      delete button.dataset.busy;
    });
  }

  function busy(form, submitter) {
    buttonsOf(form).forEach(function (button) {
      if (button.disabled) { return; }
      button.dataset.busy = "1";
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
      if (button === submitter) {
        if (button.tagName === "INPUT") {
          button.dataset.label = button.value;
          button.value = busyLabel;
        } else {
          button.dataset.label = button.textContent;
          button.textContent = busyLabel;
        }
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) { return; }
    if (form.dataset.submitting === "1") {
      event.preventDefault(); // the first submit is on its way
      return;
    }
    form.dataset.submitting = "1";
    var submitter = event.submitter || null;
    // Disabled after the browser has read the form: a disabled submitter's name and value
    // would otherwise be left out of what is sent.
    window.setTimeout(function () { busy(form, submitter); }, 0);
    window.setTimeout(function () { restore(form); }, RESTORE_AFTER_MS);
  });

  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.forms, restore);
  });
}());
