// One-time links (sign-in, invitation, e-mail confirmation) carry their token after #, which
// the browser never sends to the server, so no access log records it. This fills the page's
// form with the token, takes it out of the address bar and its history, and hides the field:
// the reader only clicks the button, which posts the token. Without JavaScript the field
// stays, and the reader pastes the code from the mail.
(function () {
  "use strict";
  var token = window.location.hash.slice(1);
  if (!token) {
    return;
  }
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  document.addEventListener("DOMContentLoaded", function () {
    var field = document.querySelector("[data-token-form] input[name=token]");
    if (!field) {
      return;
    }
    field.value = decodeURIComponent(token);
    var wrapper = field.closest(".field");
    if (wrapper) {
      wrapper.hidden = true;
    }
  });
})();
