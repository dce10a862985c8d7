// Sökandelots: small enhancements. Every page works without this file.
(function () {
  "use strict";

  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
  }

  function enableShowPassword(root) {
    root.querySelectorAll(".show-password").forEach(function (button) {
      var input = document.getElementById(button.dataset.target);
      if (!input || button.dataset.ready) { return; }
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var show = input.type === "password";
        input.type = show ? "text" : "password";
        button.setAttribute("aria-pressed", show ? "true" : "false");
      });
    });
  }

  function enablePrint(root) {
    root.querySelectorAll(".print-page").forEach(function (button) {
      if (button.dataset.ready) { return; }
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // Read aloud only with a voice installed on this computer, so no text leaves it.
  function localVoice() {
    var lang = document.documentElement.lang.toLowerCase();
    return window.speechSynthesis.getVoices().find(function (voice) {
      return voice.localService && voice.lang.toLowerCase().split("-")[0] === lang;
    });
  }

  function enableReadAloud(root) {
    if (!("speechSynthesis" in window)) { return; }
    var voice = localVoice();
    root.querySelectorAll(".read-aloud").forEach(function (button) {
      button.hidden = !voice;
      if (!voice || button.dataset.ready) { return; }
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        var target = document.querySelector(button.dataset.read);
        if (!target) { return; }
        window.speechSynthesis.cancel();
        var utterance = new SpeechSynthesisUtterance(target.innerText);
        utterance.voice = localVoice();
        utterance.lang = utterance.voice.lang;
        window.speechSynthesis.speak(utterance);
      });
    });
  }

  // A profile question is either answered or skipped, never both (the server refuses both).
  // The newest choice wins: skipping unticks the ready answers, answering unticks "skip". Typed
  // words are never thrown away: with words written, "skip" stays unticked until they are
  // deleted. The note under "skip" says what happened. Runs before htmx's autosave sees the change.
  function enableSkip(root) {
    root.querySelectorAll("form.question").forEach(function (form) {
      var skip = form.querySelector("input[name=skipped]");
      var note = form.querySelector(".skip-note");
      if (!skip || !note || form.dataset.skipReady) { return; }
      form.dataset.skipReady = "1";
      function say(text) {
        note.textContent = "";
        setTimeout(function () { note.textContent = text; }, 50);
      }
      function typed() {
        return Array.prototype.some.call(form.querySelectorAll("textarea, input[type=text], select"),
          function (field) { return field.value.trim() !== ""; });
      }
      function answered(field) {
        return field.type === "checkbox" || field.type === "radio" ? field.checked : field.value.trim() !== "";
      }
      function changed(event) {
        var field = event.target;
        if (field === skip) {
          if (!skip.checked) { return; }
          if (typed()) { skip.checked = false; say(note.dataset.keepWords); return; }
          var ticked = form.querySelectorAll("input[name=choices]:checked");
          ticked.forEach(function (choice) { choice.checked = false; });
          if (ticked.length) { say(note.dataset.cleared); }
        } else if (skip.checked && field.name && field.name !== "seen" && answered(field)) {
          skip.checked = false;
          say(note.dataset.unticked);
        }
      }
      form.addEventListener("change", changed, true);
      form.addEventListener("input", changed, true);
    });
  }

  // Safe to run again after each htmx swap: every button is set up once.
  function enhance(root) {
    enableSkip(root);
    enableShowPassword(root);
    enablePrint(root);
    enableReadAloud(root);
    focusErrorSummary(root);
  }

  // A message about what just happened ("Du är utloggad") is read out by moving focus to it
  // when the page opens: a live region that is already there when a page loads is not read.
  // An error summary comes first; it takes the focus itself.
  function focusNotice() {
    var notice = document.querySelector("[data-notice]");
    if (notice && !document.querySelector("[data-focus-on-load]")) { notice.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    focusNotice();
    if ("speechSynthesis" in window) {
      window.speechSynthesis.addEventListener("voiceschanged", function () { enableReadAloud(document); });
    }
  });
  // htmx 4 names its events with colons.
  document.addEventListener("htmx:after:swap", function () { enhance(document); keepSeen(); });

  // After an autosave the form carries the new save time, so its next save is not taken for
  // a change made by someone else.
  function keepSeen() {
    document.querySelectorAll("[data-seen]").forEach(function (status) {
      var form = status.closest("form");
      var field = form && form.querySelector("input[name=seen]");
      if (field) { field.value = status.getAttribute("data-seen"); }
      status.removeAttribute("data-seen");
    });
  }

  // An autosave still on its way could reach the server after the form's own "Next" and
  // overwrite the newer answer. So "Next" waits until the form's autosaves have finished
  // (hx-sync on the form sends them one at a time, the last one queued).
  var pending = new Map();
  function count(event, change) {
    // Some htmx events come from the document itself, which is in no form.
    var form = event.target instanceof Element ? event.target.closest("form") : null;
    if (form) { pending.set(form, Math.max((pending.get(form) || 0) + change, 0)); }
  }
  document.addEventListener("htmx:before:request", function (event) { count(event, 1); });
  document.addEventListener("htmx:finally:request", function (event) { count(event, -1); });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("hx-post") || !pending.get(form)) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    (function retry() {
      // A queued autosave starts right after the one before it ends: look again a moment later.
      setTimeout(function () {
        if (pending.get(form)) { retry(); } else { form.requestSubmit(submitter); }
      }, 50);
    })();
  }, true);

  // What each form holds that the server has not confirmed: a count of changes, and the count
  // its last successful save carried.
  var changes = new Map(), settled = new Map();
  function formOf(event, selector) {
    return event.target instanceof Element ? event.target.closest(selector || "form") : null;
  }
  function isDirty(form) { return (changes.get(form) || 0) > (settled.get(form) || 0); }
  function noteChange(event) {
    var form = formOf(event, "form[method=post]");
    if (form) { changes.set(form, (changes.get(form) || 0) + 1); }
  }
  document.addEventListener("input", noteChange, true);
  document.addEventListener("change", noteChange, true);
  document.addEventListener("htmx:before:request", function (event) {
    var form = formOf(event);
    if (form) { form.dataset.sending = changes.get(form) || 0; }
  });

  // Idle logout (WCAG 2.2.1): a warning two minutes before, "I am still here" to go on. When the
  // session ends anyway, what was typed is kept in this tab and offered back after the same
  // person (`data-user-tag`) logs in again.
  var body = document.body, idleLimit = (body.dataset.idleSeconds || 0) * 1000;
  var ACTIVITY = "sokandelots-activity", KEPT = "sokandelots-unsaved";
  var lastActivity = Date.now(), ended = false;
  function store(kind, key, value) {
    try {
      var storage = window[kind];
      if (value === undefined) { return storage.getItem(key); }
      if (value === null) { storage.removeItem(key); } else { storage.setItem(key, value); }
    } catch (e) { return null; }  // storage turned off
  }
  // Any answer from the server counts as use, also one in another tab of this browser.
  function noteActivity() {
    lastActivity = Date.now();
    store("localStorage", ACTIVITY, String(lastActivity));
  }
  function postForms() { return Array.prototype.slice.call(document.querySelectorAll("main form[method=post]")); }
  function keepUnsaved(forms) {
    var kept = forms.map(function (form) {
      var fields = [];
      new FormData(form).forEach(function (value, name) {
        if (typeof value === "string" && ["csrf_token", "seen", "page"].indexOf(name) < 0) { fields.push([name, value]); }
      });
      return { action: form.getAttribute("action"), fields: fields };
    });
    if (kept.length) {
      store("sessionStorage", KEPT, JSON.stringify({ user: body.dataset.userTag, path: location.pathname, at: Date.now(), forms: kept }));
    }
  }
  function goToLogin() {
    location.assign(body.dataset.login + "?next=" + encodeURIComponent(location.pathname + location.search));
  }
  function warning() { return document.getElementById("idle-warning"); }
  // The session is over: keep what was not saved, and let nothing else be sent in vain.
  function sessionEnded(form) {
    ended = true;
    var unsaved = postForms().filter(isDirty);
    keepUnsaved(form && unsaved.indexOf(form) < 0 ? unsaved.concat([form]) : unsaved);
    if (warning().open) { warning().close(); }
  }
  function checkIdle() {
    if (ended) { return; }
    var quiet = Date.now() - Math.max(lastActivity, Number(store("localStorage", ACTIVITY)) || 0);
    if (quiet >= idleLimit + 2000) {
      sessionEnded(null);
      goToLogin();  // the server logs out, and the next person at the computer sees nothing
    } else if (quiet >= idleLimit - 120000) {
      if (!warning().open) { warning().showModal(); }
    } else if (warning().open) {
      warning().close();
    }
  }
  function stillHere(event) {
    event.preventDefault();
    var form = warning().querySelector("form");
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" }).then(function (response) {
      if (response.ok) { noteActivity(); warning().close(); } else { checkIdle(); }
    });
  }
  function offerUnsaved() {
    var kept = JSON.parse(store("sessionStorage", KEPT) || "null");
    if (!kept) { return; }
    if (kept.user !== body.dataset.userTag || Date.now() - kept.at > 3600000) {
      store("sessionStorage", KEPT, null);  // someone else's, or too old
    } else if (kept.path === location.pathname) {
      var main = document.getElementById("main");
      main.insertBefore(document.getElementById("unsaved-offer-template").content.cloneNode(true), main.firstChild);
      var offer = document.getElementById("unsaved-offer");
      offer.focus();
      offer.addEventListener("click", function (event) {
        var button = formOf(event, "button");
        if (!button) { return; }
        if (button.hasAttribute("data-put-back")) { kept.forms.forEach(putBack); }
        store("sessionStorage", KEPT, null);
        offer.remove();
      });
    }
  }
  function putBack(kept) {
    var form = postForms().find(function (candidate) { return candidate.getAttribute("action") === kept.action; });
    var values = {}, first = null;
    kept.fields.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form ? form.elements : [], function (element) {
      var given = values[element.name];
      if (!given || element.type === "submit" || element.type === "hidden") { return; }
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = given.indexOf(element.value) >= 0;
      } else {
        element.value = given[0];
      }
      first = first || element;
    });
    if (first) {
      first.focus();
      // As if typed now: an autosaving form sends it, any other waits for its button.
      first.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  document.addEventListener("htmx:after:request", function (event) {
    var ctx = event.detail && event.detail.ctx, form = formOf(event);
    var status = ctx && ctx.response ? ctx.response.status : 0;
    if (status === 401) { return sessionEnded(form); }
    if (status) { noteActivity(); }
    if (form && status >= 200 && status < 300) {
      settled.set(form, Math.max(settled.get(form) || 0, Number(form.dataset.sending)));
    }
  });

  // After the session ended, a button would only meet "the page was open too long": keep what
  // the form holds and go to the login page instead.
  document.addEventListener("submit", function (event) {
    if (!ended) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    keepUnsaved([event.target]);
    goToLogin();
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    if (!idleLimit) { return; }
    noteActivity();
    offerUnsaved();
    warning().querySelector("form").addEventListener("submit", stillHere);
    // Escape closes the warning: someone pressed a key, so they are here.
    warning().addEventListener("cancel", stillHere);
    setInterval(checkIdle, 5000);
  });
})();
