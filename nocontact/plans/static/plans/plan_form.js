// The plan form's default "last contact" is now. The server can only say "now" on a clock it knows;
// this script, which also fills in the browser's time zone, sets that default to now on the chosen
// zone's clock, so the form submits unchanged in every zone. What someone typed is never replaced.
(function () {
  "use strict";
  var form = document.querySelector("form[data-plan-form]");
  if (!form) { return; }
  var tz = form.querySelector("input[data-browser-tz]");
  var when = form.querySelector("input[name=started_at]");
  var shownNow = form.querySelector("input[name=shown_now]");
  var shownTz = form.querySelector("input[name=shown_tz]");
  if (!tz || !when || !shownNow || !shownTz) { return; }
  var nowIn = function (zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + "-" + parts.month + "-" + parts.day + "T" + parts.hour + ":" + parts.minute;
  };
  if (!tz.value) {
    try { tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep empty */ }
  }
  var untouched = when.value === shownNow.value;
  var setNow = function () {
    if (!untouched || !tz.value.trim()) { return; }
    try {
      when.value = nowIn(tz.value.trim());
      shownNow.value = when.value;  // the server reads an unchanged default in the zone it was shown in
      shownTz.value = tz.value.trim();
    } catch (e) { /* not a zone the browser knows: the server will say so */ }
  };
  setNow();
  when.addEventListener("input", function () { untouched = false; });
  tz.addEventListener("change", setNow);
})();
