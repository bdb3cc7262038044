// Documents that take a moment to build, and imports that take a moment to read, say so.
// A download link marked data-download is fetched in the background with a visible state, then
// saved under the server's file name; a form marked data-busy-message shows its message and is
// marked busy while it submits. Without JavaScript both still work as plain links and forms.
(function () {
  "use strict";

  function filenameOf(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/.exec(header);
    return match ? match[1] : fallback;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-download]");
    if (!link || !window.fetch || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var status = document.getElementById("download-status");
    if (!status) return;
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") return;
    link.setAttribute("aria-busy", "true");
    status.classList.remove("error");
    status.textContent = status.dataset.preparing;
    // A long document is built by the worker: the link answers 202 with how far it has got
    // until the file is ready, and is asked again.
    function attempt() {
      return fetch(link.href, { credentials: "same-origin" }).then(function (response) {
        if (response.status === 202) {
          var done = response.headers.get("Tiekartta-Job-Progress") || "0";
          if (status.dataset.building) {
            status.textContent = status.dataset.building.replace("{progress}", done + " %");
          }
          var wait = parseInt(response.headers.get("Retry-After") || "2", 10) * 1000;
          return new Promise(function (resolve) { setTimeout(resolve, wait); }).then(attempt);
        }
        // A redirect (to the log-in page when the session has ended) or an answer that is not
        // a file is a failure, not a document.
        if (!response.ok || response.redirected || !response.headers.get("Content-Disposition")) {
          throw new Error(String(response.status));
        }
        return response.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var save = document.createElement("a");
          save.href = url;
          save.download = filenameOf(response, "tiekartta");
          document.body.appendChild(save);
          save.click();
          save.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
          status.textContent = status.dataset.ready;
        });
      });
    }
    attempt()
      .catch(function () {
        status.classList.add("error");
        status.textContent = status.dataset.failed;
      })
      .finally(function () {
        link.removeAttribute("aria-busy");
      });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.busyMessage) return;
    var status = form.querySelector("[data-busy-status]");
    if (status) status.textContent = form.dataset.busyMessage;
    form.setAttribute("aria-busy", "true");
    var button = form.querySelector("button[type=submit]");
    // Disabled after the submit event has gone through, so the click still submits once.
    if (button) setTimeout(function () { button.disabled = true; }, 0);
  });
})();
