// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Pre-fill an empty time-zone field with the browser's own zone.
  document.querySelectorAll("input[data-browser-tz]").forEach(function (input) {
    if (!input.value) {
      try { input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep empty */ }
    }
  });
  // Signed out: forget the pause page kept for offline use (it holds your reasons and your circle).
  if (document.body.dataset.auth === "out" && "caches" in window) {
    caches.keys().then(function (keys) { keys.forEach(function (k) { caches.delete(k); }); }).catch(function () {});
  }
  // Signed in: let the service worker keep the pause ready for when the network is gone.
  if (document.body.dataset.auth === "in" && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
  }
  // Confirm before deleting, where a button asks for it.
  document.addEventListener("submit", function (event) {
    var confirmText = event.target.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) { event.preventDefault(); }
  });
})();
