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
    if (document.body.dataset.refreshCache !== undefined) {
      navigator.serviceWorker.ready.then(function (reg) { if (reg.active) { reg.active.postMessage("refresh"); } });
    }
  }
  // The quick exit: the button, Escape, or Shift three times. location.replace leaves no step to go Back to.
  var exitLink = document.querySelector("a[data-quick-exit]");
  if (exitLink) {
    // Offline, /exit/ cannot be reached: go straight to the neutral page (or the browser's offline page).
    var leave = function () {
      document.body.hidden = true;
      window.location.replace(navigator.onLine === false && exitLink.dataset.neutral ? exitLink.dataset.neutral : exitLink.href);
    };
    exitLink.addEventListener("click", function (event) { event.preventDefault(); leave(); });
    var shifts = [];
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { leave(); return; }
      if (event.key === "Shift" && !event.repeat) {
        var now = Date.now();
        shifts = shifts.filter(function (t) { return now - t < 1500; });
        shifts.push(now);
        if (shifts.length >= 3) { leave(); }
      }
    }, true);
  }
  // The idle lock: after the chosen quiet time (counting activity in any tab), sign out.
  var idleSeconds = parseInt(document.body.dataset.idle || "0", 10);
  var logoutForm = document.getElementById("logout-form");
  if (idleSeconds > 0 && logoutForm) {
    var lastActive = Date.now();
    var markActive = function () {
      lastActive = Date.now();
      try { localStorage.setItem("nc-active", String(lastActive)); } catch (e) { /* private mode */ }
    };
    ["keydown", "pointerdown", "scroll", "input"].forEach(function (name) {
      document.addEventListener(name, markActive, { passive: true, capture: true });
    });
    window.setInterval(function () {
      var shared = 0;
      try { shared = parseInt(localStorage.getItem("nc-active") || "0", 10); } catch (e) { /* none */ }
      if (!logoutForm.dataset.sent && Date.now() - Math.max(lastActive, shared) > idleSeconds * 1000) {
        logoutForm.dataset.sent = "1";
        var why = document.createElement("input");
        why.type = "hidden"; why.name = "why"; why.value = "idle";
        logoutForm.appendChild(why);
        logoutForm.submit();
      }
    }, 5000);
  }
  // Confirm before deleting, where a button asks for it.
  document.addEventListener("submit", function (event) {
    var confirmText = event.target.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) { event.preventDefault(); }
  });
})();
