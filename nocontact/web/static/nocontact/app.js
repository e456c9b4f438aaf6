// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  var body = document.body;
  var signedIn = body.dataset.auth === "in";

  // Pre-fill an empty time-zone field with the browser's own zone.
  document.querySelectorAll("input[data-browser-tz]").forEach(function (input) {
    if (!input.value) {
      try { input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep empty */ }
    }
  });

  // The vault: what the app keeps on this device belongs to one account. It is sealed with AES-GCM under a
  // key the server hands to the signed-in session only (/api/v1/pause/key, never cached), kept as a non-extractable
  // CryptoKey in IndexedDB while signed in, and forgotten on quick exit, idle lock and sign-out. The sealed
  // boxes stay behind after a wipe (so an unsent pause or an unfinished entry is not lost), unreadable until
  // the same person signs in again and is handed the same key. Another account gets another key and tag.
  var Vault = (function () {
    var DB = "nocontact-vault";
    var PREFIX = "nc.sealed.";
    var keyPromise = null;
    var enc = new TextEncoder();
    var dec = new TextDecoder();
    var supported = !!(window.crypto && crypto.subtle && window.indexedDB && window.localStorage);

    function b64(bytes) {
      var s = "";
      new Uint8Array(bytes).forEach(function (b) { s += String.fromCharCode(b); });
      return btoa(s);
    }
    function unb64(text) { return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); }); }
    function openDb() {
      return new Promise(function (ok, fail) {
        var req = indexedDB.open(DB, 1);
        req.onupgradeneeded = function () { req.result.createObjectStore("keys"); };
        req.onsuccess = function () { ok(req.result); };
        req.onerror = function () { fail(req.error); };
      });
    }
    function idb(mode, work) {
      return openDb().then(function (db) {
        return new Promise(function (ok, fail) {
          var tx = db.transaction("keys", mode);
          var req = work(tx.objectStore("keys"));
          tx.oncomplete = function () { db.close(); ok(req.result); };
          tx.onerror = tx.onabort = function () { db.close(); fail(tx.error); };
        });
      });
    }
    function fetchKey() {
      var timeout = new Promise(function (ok, fail) { setTimeout(function () { fail(new Error("slow")); }, 4000); });
      var asked = fetch("/api/v1/pause/key", { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (given) {
          return crypto.subtle.importKey("raw", unb64(given.key), "AES-GCM", false, ["encrypt", "decrypt"])
            .then(function (key) {
              var entry = { key: key, tag: given.tag };
              return idb("readwrite", function (s) { return s.put(entry, "current"); })
                .then(function () { return entry; }, function () { return entry; });
            });
        });
      return Promise.race([asked, timeout]);
    }
    function key() {
      if (!supported || !signedIn) { return Promise.reject(new Error("no key here")); }
      if (!keyPromise) {
        // Online, ask the server (the person signed in now is the one whose key this is); offline, the copy
        // kept while signed in lets the pause go on.
        keyPromise = (navigator.onLine ? fetchKey() : Promise.reject(new Error("offline")))
          .catch(function () { return idb("readonly", function (s) { return s.get("current"); }); })
          .then(function (entry) { if (!entry) { throw new Error("no key"); } return entry; });
        keyPromise.catch(function () { keyPromise = null; });
      }
      return keyPromise;
    }
    function aad(entry, name) { return enc.encode(entry.tag + ":" + name); }
    function put(name, value) {
      return key().then(function (entry) {
        var iv = crypto.getRandomValues(new Uint8Array(12));
        return crypto.subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: aad(entry, name) }, entry.key,
          enc.encode(JSON.stringify(value))).then(function (sealed) {
          localStorage.setItem(PREFIX + entry.tag + "." + name, JSON.stringify({ iv: b64(iv), box: b64(sealed) }));
        });
      });
    }
    function get(name) {
      return key().then(function (entry) {
        var stored = localStorage.getItem(PREFIX + entry.tag + "." + name);
        if (!stored) { return null; }
        var parts = JSON.parse(stored);
        return crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(parts.iv), additionalData: aad(entry, name) },
          entry.key, unb64(parts.box)).then(function (plain) { return JSON.parse(dec.decode(plain)); });
      }).catch(function () { return null; });
    }
    function remove(name) {
      return key().then(function (entry) { localStorage.removeItem(PREFIX + entry.tag + "." + name); }).catch(function () {});
    }
    // Forget everything readable on this device: the key, every other stored item, the offline copies.
    function wipe() {
      keyPromise = null;
      try {
        Object.keys(localStorage).forEach(function (k) { if (k.indexOf(PREFIX) !== 0) { localStorage.removeItem(k); } });
      } catch (e) { /* storage switched off */ }
      try { sessionStorage.clear(); } catch (e) { /* storage switched off */ }
      var jobs = [];
      if (window.indexedDB) {
        var drop = function (name) {
          return new Promise(function (ok) {
            var req = indexedDB.deleteDatabase(name);
            req.onsuccess = req.onerror = req.onblocked = function () { ok(); };
          });
        };
        jobs.push(drop(DB));
        if (indexedDB.databases) {
          jobs.push(indexedDB.databases().then(function (list) {
            return Promise.all(list.map(function (d) { return d.name && d.name !== DB ? drop(d.name) : null; }));
          }).catch(function () {}));
        }
      }
      if ("caches" in window) {
        jobs.push(caches.keys().then(function (keys) { return Promise.all(keys.map(function (k) { return caches.delete(k); })); })
          .catch(function () {}));
      }
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage("forget");
      }
      return Promise.all(jobs).catch(function () {});
    }
    var keepers = [];
    // Before leaving (quick exit, idle lock, sign-out): let every page keep what is being typed, sealed.
    function keepAll() {
      return Promise.all(keepers.map(function (fn) { try { return Promise.resolve(fn()).catch(function () {}); } catch (e) { return null; } }));
    }
    // Is anything sealed kept here at all? (Saves asking for the key on pages with nothing to open.)
    function any() {
      try { return Object.keys(localStorage).some(function (k) { return k.indexOf(PREFIX) === 0; }); } catch (e) { return false; }
    }
    return { put: put, get: get, remove: remove, wipe: wipe, key: key, keepAll: keepAll, any: any,
      beforeLeaving: function (fn) { keepers.push(fn); } };
  })();
  window.ncVault = Vault;

  // Leave now (quick exit, idle lock, sign-out): keep drafts sealed, wipe the rest, then go. Never waits long.
  function leaveThen(go, first) {
    var done = false;
    var once = function () { if (!done) { done = true; go(); } };
    window.setTimeout(once, first ? 2000 : 600);
    Promise.resolve(first && first()).then(Vault.keepAll).then(Vault.wipe).then(once, once);
  }

  if (!signedIn) {
    // Signed out (after a sign-out, the idle lock, or before anyone signs in): nothing readable stays.
    Vault.wipe();
  }
  // Signed in: let the service worker keep the pause ready for when the network is gone.
  if (signedIn && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
    if (body.dataset.refreshCache !== undefined) {
      navigator.serviceWorker.ready.then(function (reg) { if (reg.active) { reg.active.postMessage("refresh"); } });
    }
  }

  // Drafts: a form marked data-draft keeps what is typed, sealed, until it is sent; it is offered back later.
  function fieldsOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!f.name || f.type === "hidden" || f.type === "password" || f.type === "submit" || f.type === "button") { return; }
      if ((f.type === "checkbox" || f.type === "radio") && !f.checked) { return; }
      if (f.type === "checkbox") { (values[f.name] = values[f.name] || []).push(f.value); return; }
      values[f.name] = f.value;
    });
    return values;
  }
  function fill(form, values) {
    Object.keys(values).forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      var value = values[name];
      if (field.length !== undefined && field.tagName !== "SELECT") {
        Array.prototype.forEach.call(field, function (f) {
          f.checked = Array.isArray(value) ? value.indexOf(f.value) >= 0 : f.value === value;
        });
      } else if (field.type === "checkbox") { field.checked = Array.isArray(value) && value.indexOf(field.value) >= 0; }
      else { field.value = value; }
    });
  }
  function hasWords(values) {
    return Object.keys(values).some(function (k) { return typeof values[k] === "string" && values[k].trim() && k !== "entry_date"; });
  }
  function draftsUpdate(change) {
    return Vault.get("drafts").then(function (all) { all = all || {}; change(all); return Vault.put("drafts", all); });
  }
  document.querySelectorAll("form[data-draft]:not(#pause)").forEach(function (form) {
    var name = form.dataset.draft;
    var timer = null;
    var keep = function () {
      window.clearTimeout(timer);
      var values = fieldsOf(form);
      if (!hasWords(values)) { return Promise.resolve(); }
      return draftsUpdate(function (all) { all[name] = { path: location.pathname, fields: values }; });
    };
    form.addEventListener("input", function () { window.clearTimeout(timer); timer = window.setTimeout(keep, 400); });
    Vault.beforeLeaving(keep);
    form.addEventListener("submit", function () {
      window.clearTimeout(timer);
      draftsUpdate(function (all) { delete all[name]; });
    });
    // Something kept from before (a quick exit, the idle lock): offer it back, never overwrite what is here.
    var offer = document.querySelector("[data-draft-offer='" + name + "']");
    if (!offer || !Vault.any()) { return; }
    Vault.get("drafts").then(function (all) {
      var kept = all && all[name];
      if (!kept || !offer || hasWords(fieldsOf(form))) { return; }
      offer.hidden = false;
      offer.querySelector("[data-draft-restore]").addEventListener("click", function () {
        fill(form, kept.fields);
        offer.hidden = true;
      });
      offer.querySelector("[data-draft-discard]").addEventListener("click", function () {
        draftsUpdate(function (all2) { delete all2[name]; });
        offer.hidden = true;
      });
    });
  });
  // On other pages, a short note says where something unfinished is waiting.
  var waiting = document.querySelector("[data-drafts-waiting]");
  if (signedIn && waiting && Vault.any()) {
    Promise.all([Vault.get("drafts"), Vault.get("pause")]).then(function (found) {
      var drafts = found[0] || {};
      var here = document.querySelector("form[data-draft]");
      var journal = drafts.journal && !(here && here.dataset.draft === "journal");
      var pause = found[1] && found[1].answers && Object.keys(found[1].answers).length && !document.getElementById("pause");
      waiting.querySelector("[data-waiting='journal']").hidden = !journal;
      waiting.querySelector("[data-waiting='pause']").hidden = !pause;
      waiting.hidden = !(journal || pause);
    });
  }
  // Pauses saved while offline, or left when the app was closed in a hurry: sent once the person is back.
  function syncQueue() {
    if (!Vault.any()) { return Promise.resolve(); }
    return Vault.get("queue").then(function (queue) {
      if (!queue || !queue.length || !navigator.onLine) { return; }
      var token = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
      return fetch("/api/v1/pause/sync", {
        method: "POST", credentials: "same-origin",
        headers: {
          "Content-Type": "application/json", Accept: "application/json",
          "X-CSRFToken": token ? decodeURIComponent(token[1]) : ""
        },
        body: JSON.stringify({ urges: queue })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (answer) {
        if (!answer) { return; }
        var done = answer.results.filter(function (r) { return r.status !== "error"; }).map(function (r) { return r.key; });
        return Vault.get("queue").then(function (now) {
          var left = (now || []).filter(function (q) { return done.indexOf(q.key) < 0; });
          return left.length ? Vault.put("queue", left) : Vault.remove("queue");
        });
      });
    }).catch(function () {});
  }
  if (signedIn && !document.getElementById("pause")) { syncQueue(); }

  // The quick exit: the button, Escape (not while typing or in a dialog), or Shift pressed alone three times
  // in a row. location.replace leaves no step to go Back to.
  var exitLink = document.querySelector("a[data-quick-exit]");
  if (exitLink) {
    var leaving = false;
    var leave = function () {
      if (leaving) { return; }
      leaving = true;
      body.hidden = true;
      // Offline, /exit/ cannot be reached: go straight to the neutral page (or the browser's offline page).
      var target = navigator.onLine === false && exitLink.dataset.neutral ? exitLink.dataset.neutral : exitLink.href;
      leaveThen(function () { window.location.replace(target); });
    };
    exitLink.addEventListener("click", function (event) { event.preventDefault(); leave(); });
    var typing = function (node) {
      if (!node || node.nodeType !== 1) { return false; }
      if (node.isContentEditable) { return true; }
      var tag = node.tagName;
      if (tag === "TEXTAREA" || tag === "SELECT") { return true; }
      if (tag !== "INPUT") { return false; }
      return ["button", "submit", "reset", "checkbox", "radio", "range", "color", "file", "image"].indexOf(node.type) < 0;
    };
    var dialogOpen = function () {
      return !!document.querySelector("dialog[open], [aria-modal='true'], [role='dialog']:not([hidden])");
    };
    // Shift alone: counted when it is let go with no other key pressed since it went down; a pause of more
    // than a second between presses, or any other key, starts the count again (as GOV.UK's "Exit this page").
    var SHIFT_GAP = 1000;
    var count = 0;
    var lastShift = 0;
    var clean = false;
    document.addEventListener("keydown", function (event) {
      if (event.isComposing) { count = 0; return; }
      if (event.key === "Shift") {
        if (!event.repeat) { clean = !(event.ctrlKey || event.altKey || event.metaKey); }
        return;
      }
      count = 0;
      clean = false;
      if (event.key === "Escape" && !event.defaultPrevented && !typing(event.target) &&
          !typing(document.activeElement) && !dialogOpen()) {
        leave();
      }
    }, true);
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { return; }
      var now = Date.now();
      if (!clean) { count = 0; return; }
      clean = false;
      count = now - lastShift <= SHIFT_GAP ? count + 1 : 1;
      lastShift = now;
      if (count >= 3) { count = 0; leave(); }
    }, true);
    window.addEventListener("blur", function () { count = 0; clean = false; });
  }

  // The idle lock: after the chosen quiet time (counting activity in any tab), sign out.
  var idleSeconds = parseInt(body.dataset.idle || "0", 10);
  var logoutForm = document.getElementById("logout-form");
  // Signing out (from the header, or from the phone's "More") keeps what is being typed (sealed) and wipes the
  // rest first.
  document.querySelectorAll("form[data-logout]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent === "2") { return; }
      event.preventDefault();
      form.dataset.sent = "2";
      // A sign-out is not a hurry: pauses kept on the device are sent first.
      leaveThen(function () { form.submit(); }, syncQueue);
    });
  });
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
        leaveThen(function () { logoutForm.submit(); });
      }
    }, 5000);
  }
  // Confirm before deleting, where a button asks for it.
  document.addEventListener("submit", function (event) {
    var confirmText = event.target.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) { event.preventDefault(); }
  });
})();
