// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Pre-fill an empty time-zone field with the browser's own zone.
  document.querySelectorAll("input[data-browser-tz]").forEach(function (input) {
    if (!input.value) {
      try { input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep empty */ }
    }
  });
  // Confirm before deleting, where a button asks for it.
  document.addEventListener("submit", function (event) {
    var confirmText = event.target.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) { event.preventDefault(); }
  });
})();
