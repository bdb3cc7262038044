// Review meetings and My tasks: every row is a form saved on its own with htmx.
// After a row is saved, focus moves to the next row's completion field, so the group can walk
// through the tasks by keyboard; a row with errors keeps focus on its first invalid field.
// Typed but unsaved rows are guarded against closing the page.
(function () {
  "use strict";
  var pendingRowId = null;

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest(".entry-form");
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
    var invalid = row.querySelector("[aria-invalid='true'], .field-error input, .field-error select");
    if (invalid) {
      invalid.focus();
      return;
    }
    var rows = Array.prototype.slice.call(document.querySelectorAll(".entry-row"));
    var next = rows[rows.indexOf(row) + 1];
    var target = next ? next.querySelector("input.percent") : document.getElementById("close-review");
    if (target) target.focus();
  });

  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector(".entry-form[data-dirty='1']")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
