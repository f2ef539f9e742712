// The report form on a phone with a poor connection: what the person types (and the evidence files they
// choose) is kept on this device while they type — the fields in localStorage, the files in IndexedDB —
// under the server draft's token, and offered back when the page is opened again after a lost connection
// or a closed tab. A step is sent with XMLHttpRequest so that large uploads show their progress; when the
// connection is gone the step waits and is sent again by itself once the device is back online, with the
// same form and so the same draft token (the server's idempotency key: a report that did arrive is never
// filed twice). Without JavaScript the form posts as usual. Everything kept is deleted once the report is
// sent, or when the person chooses "Buang".
(function () {
  var PREFIX = "netralitas:draft:";
  var LAST = PREFIX + "last";
  var SKIP = { csrfmiddlewaretoken: 1, altcha: 1, action: 1, remove: 1 };

  function store() { try { return window.localStorage; } catch (e) { return null; } }

  // ---- files in IndexedDB --------------------------------------------------------------------------
  function db(callback) {
    if (!window.indexedDB) return callback(null);
    var request = indexedDB.open("netralitas-drafts", 1);
    request.onupgradeneeded = function () { request.result.createObjectStore("files"); };
    request.onsuccess = function () { callback(request.result); };
    request.onerror = function () { callback(null); };
  }
  function filesPut(key, files) {
    db(function (d) {
      if (!d) return;
      var tx = d.transaction("files", "readwrite");
      if (files.length) tx.objectStore("files").put(files, key); else tx.objectStore("files").delete(key);
    });
  }
  function filesGet(key, callback) {
    db(function (d) {
      if (!d) return callback([]);
      var request = d.transaction("files").objectStore("files").get(key);
      request.onsuccess = function () { callback(request.result || []); };
      request.onerror = function () { callback([]); };
    });
  }

  // ---- the landing page: "continue your report" ----------------------------------------------------
  function offerResume() {
    var box = document.getElementById("resume-draft");
    var s = store();
    var sent = document.getElementById("draft-sent");
    if (sent && s) {  // the report arrived: nothing of it stays on the device
      Object.keys(s).forEach(function (k) { if (k.indexOf(PREFIX + sent.dataset.token) === 0) s.removeItem(k); });
      s.removeItem(LAST);
      filesPut(sent.dataset.token, []);
    }
    if (!box || !s) return;
    var last = JSON.parse(s.getItem(LAST) || "null");
    if (!last || !last.url) return;
    var link = box.querySelector("a");
    link.href = last.url;
    box.hidden = false;
  }

  // ---- the step pages --------------------------------------------------------------------------------
  function init() {
    offerResume();
    var form = document.querySelector("form[data-offline-draft]");
    var s = store();
    var textBox = document.getElementById("offline-texts");
    if (!form || !s || !textBox) return;
    var texts = textBox.dataset;
    var token = form.dataset.offlineDraft;
    var key = PREFIX + token + ":" + form.dataset.step;
    var fileKey = token;
    var fileInput = form.querySelector("input[type=file]");
    var banner = document.createElement("div");
    banner.className = "notice offline-draft";
    banner.setAttribute("role", "status");
    banner.hidden = true;
    form.insertBefore(banner, form.firstChild.nextSibling);

    function values() {
      var out = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || SKIP[el.name] || el.type === "file" || el.type === "submit" || el.type === "button") return;
        if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
        (out[el.name] = out[el.name] || []).push(el.value);
      });
      return out;
    }
    function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

    var initial = values();
    var timer = null;
    function save() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var now = values();
        if (same(now, initial) && !s.getItem(key)) return;
        s.setItem(key, JSON.stringify({ savedAt: Date.now(), values: now }));
        s.setItem(LAST, JSON.stringify({ url: location.pathname, savedAt: Date.now() }));
      }, 250);
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    if (fileInput) {
      fileInput.addEventListener("change", function () {
        filesPut(fileKey, Array.prototype.slice.call(fileInput.files || []));
        s.setItem(LAST, JSON.stringify({ url: location.pathname, savedAt: Date.now() }));
      });
    }

    function forget() {
      s.removeItem(key);
      if (fileInput) filesPut(fileKey, []);
    }

    function setField(name, list) {
      var els = form.querySelectorAll('[name="' + name + '"]');
      Array.prototype.forEach.call(els, function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          var on = list.indexOf(el.value) !== -1;
          if (el.checked !== on) { el.checked = on; el.dispatchEvent(new Event("change", { bubbles: true })); }
        } else if (el.type !== "file" && el.value !== list[0]) {
          el.value = list[0] || "";
          el.dispatchEvent(new Event(el.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
          if (el.tagName === "SELECT") showChoice(el);
        }
      });
    }
    function showChoice(select) {
      // the type-ahead input next to a hidden <select> shows the restored choice
      var input = document.getElementById(select.id.replace(/-select$/, ""));
      if (input && input !== select) input.value = select.value ? select.options[select.selectedIndex].textContent : "";
    }

    function restore(saved, files) {
      var later = {};
      Object.keys(saved.values).forEach(function (name) {
        var el = form.querySelector('select[name="' + name + '"]');
        // a list that htmx refills after another field (the regencies of a province) is set when it arrives
        if (el && saved.values[name][0] && !el.querySelector('option[value="' + CSS.escape(saved.values[name][0]) + '"]')) {
          later[name] = saved.values[name];
        } else {
          setField(name, saved.values[name]);
        }
      });
      Object.keys(later).forEach(function (name) {
        var el = form.querySelector('select[name="' + name + '"]');
        el.addEventListener("htmx:afterSwap", function once() {
          el.removeEventListener("htmx:afterSwap", once);
          setField(name, later[name]);
        });
      });
      if (files.length && fileInput && typeof DataTransfer !== "undefined") {
        var kept = new DataTransfer();
        files.forEach(function (f) { kept.items.add(f); });
        fileInput.files = kept.files;
        fileInput.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    function offer(saved, files) {
      var when = new Date(saved ? saved.savedAt : Date.now());
      banner.textContent = "";
      var p = document.createElement("p");
      var text = texts.offer.replace("%(time)s", when.toLocaleString(document.documentElement.lang || "id"));
      if (files.length) text += " " + texts.offerFiles.replace("%(n)s", files.length);
      p.textContent = text;
      banner.appendChild(p);
      var yes = document.createElement("button");
      yes.type = "button";
      yes.className = "secondary";
      yes.textContent = texts.restore;
      yes.addEventListener("click", function () {
        restore(saved || { values: {} }, files);
        banner.hidden = true;
        var first = form.querySelector("input:not([type=hidden]), select, textarea");
        if (first) first.focus();
      });
      var no = document.createElement("button");
      no.type = "button";
      no.className = "link-button";
      no.textContent = texts.discard;
      no.addEventListener("click", function () { forget(); banner.hidden = true; });
      banner.appendChild(yes);
      banner.appendChild(document.createTextNode(" "));
      banner.appendChild(no);
      banner.hidden = false;
    }

    var saved = JSON.parse(s.getItem(key) || "null");
    var differs = saved && !same(saved.values, initial);
    if (saved && !differs) s.removeItem(key);
    function check(files) {
      var pending = fileInput && files.length && !(fileInput.files && fileInput.files.length);
      if (differs || pending) offer(differs ? saved : null, pending ? files : []);
    }
    if (fileInput) filesGet(fileKey, check); else check([]);

    // ---- sending, with progress, and again when the connection is back -------------------------------
    var status = document.createElement("div");
    status.className = "upload-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var nav = form.querySelector(".nav-buttons") || form.lastElementChild;
    form.insertBefore(status, nav);
    var waiting = null;

    function show(message, fraction) {
      status.textContent = "";
      var p = document.createElement("p");
      p.textContent = message;
      status.appendChild(p);
      if (fraction !== undefined) {
        var bar = document.createElement("progress");
        bar.max = 100;
        bar.value = Math.round(fraction * 100);
        bar.setAttribute("aria-label", texts.uploading);
        status.appendChild(bar);
      }
    }

    function send(body) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || location.href);  // a field named "action" hides form.action
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable && e.total > 200000) {
          show(texts.uploading + " " + Math.round((e.loaded / e.total) * 100) + " %", e.loaded / e.total);
        }
      };
      xhr.onload = function () {
        var url = new URL(xhr.responseURL || location.href);
        if (url.pathname !== location.pathname) {
          forget();
          if (/\/selesai\/?$/.test(url.pathname) || url.pathname.indexOf(token) === -1) s.removeItem(LAST);
          location.assign(url.href);
          return;
        }
        // the same page again (an error to fix, or too many attempts): show it as the server wrote it
        document.open();
        document.write(xhr.responseText);
        document.close();
      };
      xhr.onerror = xhr.ontimeout = function () { queue(body); };
      xhr.timeout = 120000;
      show(texts.sending);
      xhr.send(body);
    }

    function queue(body) {
      waiting = body;
      show(texts.offline);
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "secondary";
      retry.textContent = texts.retry;
      retry.addEventListener("click", function () { if (waiting) { var b = waiting; waiting = null; send(b); } });
      status.appendChild(retry);
    }
    window.addEventListener("online", function () {
      if (waiting) { var b = waiting; waiting = null; send(b); }
    });

    form.addEventListener("submit", function (e) {
      var by = e.submitter;
      if (e.defaultPrevented || (by && (by.hasAttribute("hx-get") || by.hasAttribute("hx-post")))) return;
      if (typeof FormData === "undefined" || typeof XMLHttpRequest === "undefined") return;
      e.preventDefault();
      window.clearTimeout(timer);
      s.setItem(key, JSON.stringify({ savedAt: Date.now(), values: values() }));
      s.setItem(LAST, JSON.stringify({ url: location.pathname, savedAt: Date.now() }));
      var body = by ? new FormData(form, by) : new FormData(form);
      if (navigator.onLine === false) queue(body); else send(body);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
