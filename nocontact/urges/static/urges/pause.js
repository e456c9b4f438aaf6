// The pause, step by step. Works with no network: answers live on this device, sealed with this person's key
// (see the vault in app.js), until they can be sent, once each, in order. Without JavaScript the same page is
// one plain form, sent with POST.
(function () {
  "use strict";
  var vault = window.ncVault;
  var data = JSON.parse(document.getElementById("pause-data").textContent);
  var form = document.getElementById("pause");
  var steps = Array.prototype.slice.call(document.querySelectorAll(".step"));
  var params = new URLSearchParams(location.search);
  var state = null;
  var memoryQueue = [];  // only if this device cannot seal (no key yet): kept for this page, sent when possible
  var timerHandle = null;

  function $(id) { return document.getElementById(id); }
  function keep() {
    touched = true;
    return ready ? vault.put("pause", state).catch(function () {}) : Promise.resolve();
  }
  function loadQueue() {
    return vault.get("queue").then(function (q) { return (q || []).concat(memoryQueue); });
  }
  function saveQueue(queue) {
    return (queue.length ? vault.put("queue", queue) : vault.remove("queue"))
      .then(function () { memoryQueue = []; }, function () { memoryQueue = queue; });
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function fresh() { return { key: uuid(), started_at: new Date().toISOString(), step: 0, answers: {}, ends: null }; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  // The choices come from the page; only the plans are brought up to date here (the page may be a cached copy).
  function fillPlans() {
    var chosen = state.answers.plan || $("plan").value;
    var blank = $("plan").querySelector("option[value='']");
    $("plan").textContent = "";
    if (blank) { $("plan").appendChild(blank); }
    data.plans.forEach(function (p) { $("plan").appendChild(el("option", { value: p.id }, p.label || p.name)); });
    if (chosen) { $("plan").value = chosen; }
    var single = data.plans.length < 2;
    $("plan").hidden = single;
    form.querySelector("label[for=plan]").hidden = single;
  }

  // Restore answers, then save them as they change.
  function restore() {
    Object.keys(state.answers).forEach(function (name) {
      var value = state.answers[name];
      var fields = form.elements[name];
      if (!fields) { return; }
      if (fields.length !== undefined && fields.tagName !== "SELECT") {
        Array.prototype.forEach.call(fields, function (f) {
          f.checked = Array.isArray(value) ? value.indexOf(f.value) >= 0 : f.value === value;
        });
      } else { fields.value = value; }
    });
  }
  form.addEventListener("input", function (event) {
    var t = event.target;
    if (!t.name) { return; }
    if (t.type === "checkbox") {
      state.answers[t.name] = Array.prototype.filter.call(form.elements[t.name], function (f) { return f.checked; })
        .map(function (f) { return f.value; });
    } else if (t.type !== "radio" || t.checked) { state.answers[t.name] = t.value; }
    keep();
    render();
  });

  function plan() {
    var id = $("plan").value;
    return data.plans.filter(function (p) { return p.id === id; })[0] || data.plans[0] || null;
  }

  function render() {
    steps.forEach(function (s, i) { s.hidden = i !== state.step; });
    $("back").hidden = state.step === 0;
    $("next").hidden = $("skip").hidden = state.step === steps.length - 1;
    $("strength_before_out").textContent = $("strength_before").value;
    $("strength_after_out").textContent = $("strength_after").value;
    var p = plan();
    var practical = state.answers.trigger === "practical";
    var safety = !!(p && p.mode === "safety");
    $("practical").hidden = !practical || safety;
    $("practical-safety").hidden = !practical || !safety;
    if (p) { $("check-link").href = p.mode === "minimal" ? data.check_url + "?plan=" + p.id : "/plans/" + p.id + "/"; }
    $("contacted-channel").hidden = state.answers.outcome !== "contacted";
    $("reason").hidden = !(p && p.reason);
    if (p && p.reason) { $("reason").textContent = "Your reason: " + p.reason; }
    if (p) {
      $("streak").hidden = false;
      $("streak").textContent = p.streak + (p.streak === 1 ? " day" : " days") + (data.discreet ? "" : " of no contact") + " so far.";
    }
    tick();
  }

  function showSupport() {
    var box = $("circle");
    box.textContent = "";
    $("helpers").textContent = "";
    data.circle.forEach(function (c) {
      var text = c.message || data.texts.default_message;
      var line = el("p");
      if (c.phone) {
        line.appendChild(el("a", { href: "tel:" + c.phone, class: "button secondary" }, "Call " + c.name));
        line.appendChild(document.createTextNode(" "));
        line.appendChild(el("a", { href: "sms:" + c.phone + "?body=" + encodeURIComponent(text), class: "button secondary" }, "Text " + c.name));
      } else if (c.email) {
        line.appendChild(el("a", { href: "mailto:" + c.email + "?body=" + encodeURIComponent(text), class: "button secondary" }, "Write to " + c.name));
      }
      box.appendChild(line);
    });
    data.helpers.forEach(function (h) { $("helpers").appendChild(el("li", {}, h)); });
    $("helpers").hidden = !data.helpers.length;
    box.hidden = !data.circle.length;
  }

  function tick() {
    var out = $("timer");
    if (!state.ends) { out.textContent = ""; return; }
    var left = Math.max(0, Math.round((new Date(state.ends) - new Date()) / 1000));
    out.textContent = left > 0 ? Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2) + " left" : "The time is up. How is it now?";
    if (left > 0 && !timerHandle) { timerHandle = setInterval(tick, 1000); }
    if (left === 0 && timerHandle) { clearInterval(timerHandle); timerHandle = null; }
  }
  $("start-timer").addEventListener("click", function () {
    var seconds = Number(params.get("timer_seconds")) || Number($("minutes").value) * 60;
    state.ends = new Date(Date.now() + seconds * 1000).toISOString();
    keep();
    tick();
  });

  function move(by) {
    state.step = Math.max(0, Math.min(steps.length - 1, state.step + by));
    keep();
    render();
    var heading = steps[state.step].querySelector("h2");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }
  $("next").addEventListener("click", function () { move(1); });
  $("skip").addEventListener("click", function () { move(1); });
  $("back").addEventListener("click", function () { move(-1); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var a = state.answers;
    if (!a.outcome) { $("result").textContent = data.texts.needs_outcome; return; }
    // Saved with the plan the person chose (or the only one), never a plan picked for them.
    var id = $("plan").value;
    var p = data.plans.filter(function (x) { return x.id === id; })[0] || (data.plans.length === 1 ? data.plans[0] : null);
    if (a.outcome === "contacted" && !p) { $("result").textContent = data.texts.needs_plan; return; }
    var record = {
      key: state.key, plan: p ? p.id : null, started_at: state.started_at, ended_at: new Date().toISOString(),
      strength_before: a.strength_before === undefined ? null : Number(a.strength_before),
      strength_after: a.strength_after === undefined ? null : Number(a.strength_after),
      feeling: a.feeling || "", feeling_words: a.feeling_words || "", trigger: a.trigger || "",
      unsent: a.unsent || "", helped: a.helped || [], outcome: a.outcome, channel: a.channel || "message"
    };
    $("save").disabled = true;
    loadQueue().then(function (queue) {
      queue.push(record);
      return saveQueue(queue);
    }).then(function () {
      $("result").textContent = a.outcome === "contacted" ? data.texts.contacted : data.texts.saved;
      state = fresh();
      return keep();
    }).then(flush);
  });

  function csrf() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  var flushing = false;
  function flush() {
    if (flushing) { return; }
    flushing = true;
    loadQueue().then(function (queue) {
      showQueue(queue);
      if (!queue.length || !navigator.onLine) { return; }
      return fetch("/api/v1/pause/sync", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify({ urges: queue })
      }).then(answered)
        .then(function (body) {
          // Saved, saved before, or refused for good (its reason is shown): none of these is sent again.
          var done = body.results.map(function (r) { return r.key; });
          var refused = body.results.filter(function (r) { return r.status === "error" && r.error; });
          return loadQueue().then(function (now) {
            var left = now.filter(function (q) { return done.indexOf(q.key) < 0; });
            return saveQueue(left).then(function () {
              showQueue(left);
              if (refused.length) { $("result").textContent = refused[0].error.message; }
            });
          });
        });
    }).catch(function (problem) {
      // Kept on this device, sealed; tried again when the network is back. The API's errors say why in words
      // (signed out, a page out of date); a network failure needs no words beyond the queue's own line.
      if (problem && problem.message && problem.code) { $("net-status").textContent = problem.message; }
    }).then(function () { flushing = false; });
  }
  // The API's answer: its body, or its one error shape ({"error": {"code", "message", "fields"}}) thrown.
  function answered(r) {
    return r.json().catch(function () { return null; }).then(function (body) {
      if (r.ok && body) { return body; }
      throw (body && body.error) || new Error(String(r.status));
    });
  }
  function showQueue(queue) {
    $("queue-status").textContent = queue.length ? queue.length + " pause(s) kept on this device, to be saved when you are online." : "";
    $("net-status").textContent = navigator.onLine ? "" : "Offline: everything still works here.";
  }
  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { loadQueue().then(showQueue); });

  // One step at a time from the first moment; what was kept (sealed) is opened meanwhile, with this person's
  // key only (anyone else starts afresh), and merged in without overwriting anything typed in the meantime.
  var ready = false;
  var touched = false;
  state = fresh();
  form.querySelector("[name=key]").value = state.key;
  $("step-nav").hidden = false;
  $("timer-controls").hidden = false;
  $("minutes").value = String(data.minutes);
  fillPlans();
  showSupport();
  render();
  function resume(kept) {
    if (kept && kept.key) {
      if (touched) {
        kept.answers = Object.assign({}, kept.answers, state.answers);
        kept.step = state.step;
      }
      state = kept;
      form.querySelector("[name=key]").value = state.key;
      restore();
      fillPlans();
    }
    ready = true;
    // A new pause (not one resumed) may alert the circle; it never waits for the answer.
    if (!state.alerted && navigator.onLine) {
      state.alerted = true;
      fetch("/api/v1/pause/alert", {
        method: "POST", credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrf() }
      }).catch(function () {});
    }
    keep();
    render();
    flush();
  }
  // Whatever is being typed is sealed at once when the person leaves in a hurry.
  vault.beforeLeaving(function () { return ready ? vault.put("pause", state) : null; });
  vault.get("pause").then(resume, function () { resume(null); });
  // The page may have come from the cache: bring plans, streaks and the circle up to date, without waiting.
  if (navigator.onLine) {
    fetch("/api/v1/pause/data", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (fresh) {
        if (!fresh) { return; }
        data.plans = fresh.plans; data.circle = fresh.circle; data.helpers = fresh.helpers;
        fillPlans(); showSupport(); render();
      }).catch(function () {});
  }
})();
