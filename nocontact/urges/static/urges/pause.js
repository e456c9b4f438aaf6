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
  // Words live in the page (data-* attributes); here they are only filled in.
  function say(node, name, values) {
    return (node.getAttribute("data-" + name) || "").replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  function minutesText(seconds) {
    var n = Math.max(1, Math.round(seconds / 60));
    return say($("timer-say"), n === 1 ? "one" : "many", { n: n });
  }
  function daysText(node, days) { return say(node, days === 1 ? "one" : "many", { n: days }); }
  function showReason(node, fold, p) {
    var reason = p && p.reason;
    node.textContent = reason ? node.getAttribute("data-prefix") + reason : "";
    (fold || node).hidden = !reason;
  }

  function render() {
    steps.forEach(function (s, i) {
      s.hidden = i !== state.step;
      s.querySelector(".step-of").textContent = say($("dots"), "words", { n: i + 1, total: steps.length });
    });
    Array.prototype.forEach.call($("dots").children, function (dot, i) {
      dot.className = i === state.step ? "now" : i < state.step ? "done" : "";
    });
    $("back").hidden = state.step === 0;
    $("intro").hidden = state.step !== 0;  // said once, on the first step
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
    $("still-hint").hidden = state.answers.outcome !== "still_want";
    showReason($("reason"), $("reason-fold"), p);
    $("streak").hidden = !p;
    if (p) { $("streak").textContent = daysText($("streak"), p.streak); }
    $("keep").hidden = !p;
    tick();
  }

  // The circle, one tap away: on the wait and on the ending when the wish is still strong.
  function people(box) {
    box.textContent = "";
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
    box.hidden = !data.circle.length;
  }
  function showSupport() {
    people($("circle"));
    $("helpers").textContent = "";
    data.helpers.forEach(function (h) { $("helpers").appendChild(el("li", {}, h)); });
    $("helpers").hidden = !data.helpers.length;
    $("support").hidden = !data.circle.length && !data.helpers.length;
  }

  // The timer: a ring that empties, the time inside it; spoken (politely) when it starts, at each whole minute
  // and at the end, not every second.
  var RING = 339.292;  // the ring's length: 2 * pi * 54 (its radius in pause.html)
  var announce = null;  // "started": the first words after the timer is started
  function planned() {
    return state.total || Number(params.get("timer_seconds")) || Number($("minutes").value) * 60;
  }
  function clock(seconds) { return Math.floor(seconds / 60) + ":" + ("0" + (seconds % 60)).slice(-2); }
  function tick() {
    var out = $("timer");
    var total = planned();
    var left = state.ends ? Math.max(0, Math.round((new Date(state.ends) - new Date()) / 1000)) : total;
    out.textContent = state.ends && left > 0 ? say(out, "left", { time: clock(left) }) : clock(left);
    $("ring-left").style.strokeDashoffset = String(RING * (1 - left / (total || 1)));
    $("timer-controls").hidden = !!state.ends && left > 0;
    var words = null;
    if (!state.ends) { words = ""; } else if (left === 0) { words = say($("timer-say"), "done", {}); }
    else if (announce || !timerHandle || (left % 60 === 0 && left !== state.total)) {
      words = say($("timer-say"), announce || "left", { minutes: minutesText(left) });
    }
    announce = null;
    if (words !== null && $("timer-say").textContent !== words) { $("timer-say").textContent = words; }
    if (left > 0 && state.ends && !timerHandle) { timerHandle = setInterval(tick, 1000); }
    if ((left === 0 || !state.ends) && timerHandle) { clearInterval(timerHandle); timerHandle = null; }
  }
  function startTimer(seconds) {
    state.total = seconds;
    state.ends = new Date(Date.now() + seconds * 1000).toISOString();
    if (timerHandle) { clearInterval(timerHandle); timerHandle = null; }
    announce = "started";
    keep();
    tick();
  }
  $("start-timer").addEventListener("click", function () {
    state.total = null;
    startTimer(planned());
  });
  $("minutes").addEventListener("change", function () { if (!state.ends) { state.total = null; tick(); } });

  function focusHeading(node) {
    if (!node) { return; }
    node.setAttribute("tabindex", "-1");
    node.focus();
  }
  function move(by) {
    state.step = Math.max(0, Math.min(steps.length - 1, state.step + by));
    keep();
    render();
    focusHeading(steps[state.step].querySelector("h2"));
  }
  $("next").addEventListener("click", function () { move(1); });
  $("skip").addEventListener("click", function () { move(1); });
  $("back").addEventListener("click", function () { move(-1); });

  var saving = false;
  var last = null;  // the round just saved: what another round starts from
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (saving || form.hidden) { return; }  // one save per pause, however often the button is pressed
    var a = state.answers;
    $("problem").textContent = "";
    if (!a.outcome) { $("problem").textContent = data.texts.needs_outcome; return; }
    // Saved with the plan the person chose (or the only one), never a plan picked for them.
    var id = $("plan").value;
    var p = data.plans.filter(function (x) { return x.id === id; })[0] || (data.plans.length === 1 ? data.plans[0] : null);
    if (a.outcome === "contacted" && !p) { $("problem").textContent = data.texts.needs_plan; return; }
    var record = {
      key: state.key, plan: p ? p.id : null, started_at: state.started_at, ended_at: new Date().toISOString(),
      strength_before: a.strength_before === undefined ? null : Number(a.strength_before),
      strength_after: a.strength_after === undefined ? null : Number(a.strength_after),
      feeling: a.feeling || "", feeling_words: a.feeling_words || "", trigger: a.trigger || "",
      unsent: a.unsent || "", helped: a.helped || [], outcome: a.outcome, channel: a.channel || "message"
    };
    saving = true;
    $("save").disabled = true;
    last = { plan: p, after: a.strength_after, total: planned(), round: state.round || 1 };
    loadQueue().then(function (queue) {
      queue.push(record);
      return saveQueue(queue);
    }).then(function () {
      ending(record, p);
      state = fresh();
      form.reset();
      form.querySelector("[name=key]").value = state.key;
      return keep();
    }).then(function () { saving = false; flush(); });
  });

  // The ending: kind words, what was done, and (when the wish is still strong) somewhere to go from here.
  function ending(record, p) {
    var end = $("end");
    var fill = function (name, text) { end.querySelector("[data-fill=" + name + "]").textContent = text; };
    var shown = function (name, yes) { end.querySelector("[data-did=" + name + "]").hidden = !yes; };
    end.setAttribute("data-shows", record.outcome);
    $("result").textContent = record.outcome === "contacted" ? data.texts.contacted
      : record.outcome === "still_want" ? $("result").getAttribute("data-still-want") : data.texts.saved;
    fill("minutes", minutesText((new Date(record.ended_at) - new Date(record.started_at)) / 1000));
    var strengths = record.strength_before !== null && record.strength_after !== null;
    shown("strength", strengths);
    if (strengths) { fill("before", record.strength_before); fill("after", record.strength_after); }
    shown("unsent", !!record.unsent.trim() && record.outcome !== "contacted");
    var run = end.querySelector("[data-did=run]");
    run.hidden = !(p && p.streak > 0 && record.outcome !== "contacted");
    if (p) { run.textContent = daysText(run, p.streak); }
    fill("again", minutesText(Math.min(maxSeconds(), last.total * 2)));
    showReason($("end-reason"), $("end-reason-fold"), record.outcome === "still_want" ? p : null);
    people($("end-circle"));
    $("circle-setup").hidden = data.circle.length > 0;
    form.hidden = true;
    $("intro").hidden = true;
    $("dots").hidden = true;
    end.hidden = false;
    window.scrollTo(0, 0);
    focusHeading($("end-title"));
  }
  function maxSeconds() {
    var options = $("minutes").options;
    return Number(options[options.length - 1].value) * 60;
  }
  // Another round: the same plan, the strength as it is now, twice the wait (as long as the list allows), the
  // timer already running.
  $("again").addEventListener("click", function () {
    var seconds = Math.min(maxSeconds(), last.total * 2);
    state.round = last.round + 1;
    state.alerted = true;  // the same evening, still: the circle is not alerted twice
    state.step = steps.length - 2;
    if (last.plan) { state.answers.plan = last.plan.id; }
    if (last.after !== undefined) { state.answers.strength_before = last.after; }
    state.answers.minutes = String(Math.max(1, Math.min(maxSeconds() / 60, Math.round(seconds / 60))));
    restore();
    fillPlans();
    $("save").disabled = false;
    $("end").hidden = true;
    $("dots").hidden = false;
    form.hidden = false;
    startTimer(seconds);
    render();
    focusHeading(steps[state.step].querySelector("h2"));
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
  $("ring").removeAttribute("hidden");  // an SVG element: no .hidden property
  $("timer").hidden = false;
  $("minutes").value = String(data.minutes);
  steps.forEach(function () { $("dots").appendChild(el("li")); });
  $("dots").hidden = false;
  fillPlans();
  showSupport();
  render();
  function resume(kept) {
    if (kept && kept.key) {
      // Kept untouched (the fresh one left after the last save, or a page opened and left): it begins now.
      if (!kept.step && !kept.ends && !Object.keys(kept.answers || {}).length) { kept.started_at = state.started_at; }
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
