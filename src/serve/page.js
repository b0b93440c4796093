// The page's behaviour: every request goes to the same API other systems use. Server
// fragments (step 2) are escaped by the server; everything this script writes itself
// goes through textContent.
(function () {
  "use strict";
  var form = document.getElementById("f");
  var $ = function (id) { return document.getElementById(id); };

  function say(el, text, isError) {
    el.textContent = text;
    el.className = isError ? "error-msg" : "";
  }

  // A problem+json answer as text: the detail, then every located problem.
  function problemText(resp) {
    return resp.text().then(function (body) {
      try {
        var p = JSON.parse(body);
        var lines = [p.detail || p.title];
        (p.problems || []).forEach(function (d) { if (d.severity === "error") lines.push(d.text); });
        return lines.join("\n\n");
      } catch (e) {
        return T.error + " " + resp.status;
      }
    });
  }

  function ready(el, needWorkbook) {
    if (!form.querySelector("input[name=template]:checked")) { say(el, T.chooseTemplate, true); return false; }
    if (needWorkbook && !$("workbook").files.length) { say(el, T.chooseWorkbook, true); return false; }
    return true;
  }

  function post(url, extra) {
    var data = new FormData(form);
    Object.keys(extra || {}).forEach(function (k) { data.set(k, extra[k]); });
    return fetch(url, { method: "POST", body: data, credentials: "same-origin" });
  }

  // Step 2: fields and check, as one server-made fragment. `data-inspections` counts the
  // answers shown (tests wait on it).
  var inspections = 0;
  function inspect() {
    var box = $("inspect");
    if (!$("workbook").files.length) return;
    say(box, T.working);
    post("/ui/inspect").then(function (resp) {
      if (!resp.ok) return problemText(resp).then(function (t) { say(box, t, true); });
      return resp.text().then(function (html) {
        box.innerHTML = html;
        var opts = $("sheet-options");
        if (opts) {
          var keep = $("rows").value;
          $("rows").innerHTML = opts.innerHTML;
          $("rows").value = keep;
          opts.remove();
        }
        box.dataset.inspections = String(++inspections);
      });
    });
  }
  $("workbook").addEventListener("change", inspect);
  form.querySelectorAll("input[name=template]").forEach(function (r) { r.addEventListener("change", inspect); });
  $("rows").addEventListener("change", inspect);

  // Step 3: the pages, one request per page.
  $("preview").addEventListener("click", function () {
    var msg = $("preview-msg"), pages = $("pages");
    if (!ready(msg, true)) return;
    pages.textContent = "";
    say(msg, T.working);
    function one(n) {
      return post("/api/preview", { page: String(n), dpi: "60" }).then(function (resp) {
        if (!resp.ok) return problemText(resp).then(function (t) { say(msg, t, true); });
        var total = parseInt(resp.headers.get("x-vanban-pages") || "1", 10);
        return resp.blob().then(function (b) {
          var img = document.createElement("img");
          img.src = URL.createObjectURL(b);
          img.alt = T.page + " " + n;
          img.className = "page";
          pages.appendChild(img);
          say(msg, T.page + " 1–" + n + " " + T.of + " " + total);
          if (n < total) return one(n + 1);
        });
      });
    }
    one(1);
  });

  // The file name the server gave (Content-Disposition, UTF-8 form first).
  function fileName(resp, fallback) {
    var cd = resp.headers.get("content-disposition") || "";
    var m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    if (m) return decodeURIComponent(m[1]);
    m = /filename="([^"]+)"/.exec(cd);
    return m ? m[1] : fallback;
  }

  function save(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // Step 4: downloads.
  form.querySelectorAll("button.download").forEach(function (b) {
    b.addEventListener("click", function () {
      var msg = $("download-msg");
      if (!ready(msg, true)) return;
      b.disabled = true;
      say(msg, T.working);
      post("/api/render", { format: b.dataset.format }).then(function (resp) {
        if (!resp.ok) return problemText(resp).then(function (t) { say(msg, t, true); });
        var name = fileName(resp, "van-ban." + b.dataset.format);
        return resp.blob().then(function (blob) {
          save(blob, name);
          var ref = resp.headers.get("X-Vanban-Reference");
          say(msg, T.downloaded + ": " + name + (ref ? " (" + T.numberTaken + " " + decodeURIComponent(ref) + ")" : ""));
        });
      }).finally(function () { b.disabled = false; });
    });
  });

  // Step 5: a batch, with live progress.
  $("start").addEventListener("click", function () {
    var msg = $("job-msg"), start = $("start");
    if (!ready(msg, true)) return;
    if (!$("rows").value) { say(msg, T.chooseSheet, true); return; }
    start.disabled = true;
    say(msg, T.working);
    $("job-result").hidden = true;
    post("/api/jobs").then(function (resp) {
      if (!resp.ok) {
        start.disabled = false;
        return problemText(resp).then(function (t) { say(msg, t, true); });
      }
      return resp.json().then(function (job) { say(msg, ""); poll(job.id); });
    });
  });

  function poll(id) {
    var lang = form.querySelector("input[name=lang]").value;
    fetch("/api/jobs/" + encodeURIComponent(id) + "?lang=" + lang, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        var bar = $("job-progress");
        bar.hidden = false;
        bar.max = Math.max(1, s.total);
        bar.value = s.made + s.failed;
        var state = { queued: T.queued, running: T.running, done: T.done, failed: T.jobFailed }[s.state] || s.state;
        $("job-counts").textContent = state + ": " + T.made + " " + s.made + " / " + T.failed + " " +
          s.failed + " / " + T.total + " " + s.total;
        $("job-counts").dataset.state = s.state;
        if (s.state === "done") {
          var a = $("job-result");
          a.href = s.result;
          a.textContent = T.result;
          a.setAttribute("download", "");
          a.hidden = false;
          $("start").disabled = false;
        } else if (s.state === "failed") {
          say($("job-msg"), s.error || T.jobFailed, true);
          $("start").disabled = false;
        } else {
          setTimeout(function () { poll(id); }, 500);
        }
      });
  }
})();
