// Review meetings and My tasks: every row is a form saved on its own with htmx.
// After a row is saved, focus moves to the next row's completion field, so the group can walk
// through the tasks by keyboard; a row with errors keeps focus on its first invalid field.
// Typed but unsaved rows and meeting details are guarded against closing the page, and a save
// that never reached the server says so in the row instead of failing silently.
(function () {
  "use strict";
  var pendingRowId = null;

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest(".entry-form, .guarded-form");
    if (form) form.dataset.dirty = "1";
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = event.detail.elt.closest && event.detail.elt.closest(".entry-row");
    pendingRowId = row ? row.id : null;
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!pendingRowId) return;
    var row = document.getElementById(pendingRowId);
    pendingRowId = null;
    if (!row) return;
    var invalid =
      row.querySelector("[aria-invalid='true'], .field-error input, .field-error select") ||
      (row.querySelector(".form-errors") && row.querySelector("input.percent"));
    if (invalid) {
      invalid.focus();
      return;
    }
    var rows = Array.prototype.slice.call(document.querySelectorAll(".entry-row"));
    var next = rows[rows.indexOf(row) + 1];
    var target = next ? next.querySelector("input.percent") : document.getElementById("close-review");
    if (target) target.focus();
  });

  function reportFailure(event) {
    var form = event.detail.elt.closest && event.detail.elt.closest(".entry-form");
    pendingRowId = null;
    if (!form) return;
    var message = form.dataset.errorMessage;
    var note = form.querySelector(".saved-note");
    if (note) {
      note.textContent = message;
      note.classList.add("error");
    }
    var region = document.getElementById("row-status");
    if (region) region.textContent = message;
  }
  document.addEventListener("htmx:responseError", reportFailure);
  document.addEventListener("htmx:sendError", reportFailure);

  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("[data-dirty='1']")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
