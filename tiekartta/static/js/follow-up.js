// Review meetings and My tasks: every row is a form saved on its own with htmx.
// After a row is saved, focus moves to the next row's completion field, so the group can walk
// through the tasks by keyboard; a row with errors keeps focus on its first invalid field, and
// a row whose completion would drop asks first (the server refuses an unconfirmed drop, so the
// question also comes without JavaScript). A pre-filled completion field selects its value when
// it gets focus, however it gets it, so that typed digits replace the old value instead of
// going in front of it (45 over 80 must not become 4580, nor 5 over 0 become 50).
// After the last row, focus goes to closing the meeting at the end of the list.
// Typed but unsaved rows and meeting details are guarded against closing the page, and a save
// that never reached the server says so in the row instead of failing silently.
(function () {
  "use strict";
  var pendingRowId = null;
  var justFocused = null;

  function isPercent(element) {
    return (
      element &&
      element.matches &&
      element.matches(".entry-form input.percent")
    );
  }

  function selectAll(input) {
    try {
      input.select();
    } catch (error) {
      // An input type that cannot select keeps the caret; nothing else to do.
    }
  }

  function focusPercent(input) {
    input.focus();
    selectAll(input);
  }

  document.addEventListener("focusin", function (event) {
    if (!isPercent(event.target) || event.target.value === "") return;
    selectAll(event.target);
    justFocused = event.target;
  });

  // A click that gives the field focus would put the caret where the mouse was on release and
  // undo the selection; a later click in a focused field places the caret as usual.
  document.addEventListener("mouseup", function (event) {
    if (justFocused && event.target === justFocused) event.preventDefault();
    justFocused = null;
  });
  document.addEventListener("keydown", function () {
    justFocused = null;
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".drop-change, #skip-to-tasks");
    if (!link) return;
    var input = null;
    if (link.id === "skip-to-tasks") {
      input = document.querySelector("#review-tasks input.percent");
      if (!input) return; // a read-only meeting: the link's own target takes the focus
    } else {
      input = link.closest(".entry-form").querySelector("input.percent");
    }
    event.preventDefault();
    focusPercent(input);
  });

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
    var question = row.querySelector(".drop-question .drop-confirm");
    if (question) {
      question.focus();
      return;
    }
    var invalid =
      row.querySelector("[aria-invalid='true'], .field-error input, .field-error select") ||
      (row.querySelector(".form-errors") && row.querySelector("input.percent"));
    if (invalid) {
      if (isPercent(invalid)) focusPercent(invalid);
      else invalid.focus();
      return;
    }
    var rows = Array.prototype.slice.call(document.querySelectorAll(".entry-row"));
    var next = rows[rows.indexOf(row) + 1];
    var target = next
      ? next.querySelector("input.percent")
      : document.getElementById("close-review-end") || document.getElementById("close-review");
    if (!target) return;
    if (isPercent(target)) focusPercent(target);
    else target.focus();
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
