// Shows upload progress for large exports. Without this file the form still posts as usual.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var bar = document.getElementById("import-progress");
  var status = document.getElementById("import-status");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    bar.hidden = false;
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round((e.loaded / e.total) * 100);
        status.textContent = "Uploading… " + bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () { status.textContent = "Reading the file…"; });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.responseURL !== window.location.href && xhr.status < 400) {
        window.location.assign(xhr.responseURL);
        return;
      }
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var fresh = doc.getElementById("import-form");
      if (fresh) {
        form.innerHTML = fresh.innerHTML;
        bar = document.getElementById("import-progress");
        status = document.getElementById("import-status");
      } else {
        window.location.reload();
      }
    });
    xhr.addEventListener("error", function () { status.textContent = "The upload stopped. Check the connection and try again."; });
    xhr.send(new FormData(form));
  });
})();
