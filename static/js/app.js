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

  // Listen reads every part of the page marked with data-say, in order; a small speaker button
  // reads just its own picture answer or card. data-say is the address of the part's audio (an
  // approved recording or the server's speech), or "" when there is none: then, and when the
  // audio fails, the computer's own voice reads the part if it has one for the language.
  var player = null, reading = null;
  function partLang(part) {
    var marked = part.closest("[lang]");
    return (marked ? marked.lang : document.documentElement.lang).toLowerCase().split("-")[0];
  }
  function localVoice(lang) {
    if (!("speechSynthesis" in window)) { return null; }
    return window.speechSynthesis.getVoices().find(function (voice) {
      return voice.localService && voice.lang.toLowerCase().split(/[-_]/)[0] === lang;
    }) || null;
  }
  // The part's own words, without a marked part inside it (its Swedish, read on its own).
  function ownText(part) {
    var copy = part.cloneNode(true);
    copy.querySelectorAll("[data-say], .visually-hidden").forEach(function (inner) { inner.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }
  function hearable(part) { return part.getAttribute("data-say") || localVoice(partLang(part)); }
  function partsOf(button) {
    var scope = button.classList.contains("say-one") ? button.closest(".say-group") : document.getElementById("main");
    return Array.prototype.filter.call(scope.querySelectorAll("[data-say]"), hearable);
  }
  function showVoice(button, recorded) {
    var note = button.querySelector(".voice-note");
    if (note) { note.textContent = recorded ? note.dataset.recorded : note.dataset.computer; }
  }
  function stopReading() {
    if (!reading) { return; }
    var run = reading;
    reading = null;
    player.pause();
    if ("speechSynthesis" in window) { window.speechSynthesis.cancel(); }
    run.parts.forEach(function (part) { part.classList.remove("saying"); part.removeAttribute("aria-current"); });
    run.button.setAttribute("aria-pressed", "false");
  }
  function speakHere(part, done) {
    var voice = localVoice(partLang(part));
    if (!voice) { done(); return; }
    var utterance = new SpeechSynthesisUtterance(ownText(part));
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.onend = utterance.onerror = done;
    window.speechSynthesis.speak(utterance);
  }
  function playAudio(url, done, failed) {
    var settled = false;
    function once(then) { return function () { if (!settled) { settled = true; then(); } }; }
    player.onended = once(done);
    player.onerror = once(failed);
    player.src = url;
    var started = player.play();
    if (started) { started.catch(once(failed)); }
  }
  function read(button) {
    var stopping = reading && reading.button === button;
    stopReading();
    if (stopping) { return; }
    var run = { button: button, parts: partsOf(button) }, index = 0;
    reading = run;
    button.setAttribute("aria-pressed", "true");
    (function next() {
      if (reading !== run) { return; }
      if (index > 0) { run.parts[index - 1].classList.remove("saying"); run.parts[index - 1].removeAttribute("aria-current"); }
      if (index >= run.parts.length) { stopReading(); return; }
      var part = run.parts[index++], url = part.getAttribute("data-say");
      part.classList.add("saying");
      part.setAttribute("aria-current", "true");
      showVoice(button, url && part.hasAttribute("data-voice"));
      if (url) {
        playAudio(url, next, function () { showVoice(button, false); speakHere(part, next); });
      } else {
        speakHere(part, next);
      }
    })();
  }
  function enableListen(root) {
    if (!player) {
      player = document.createElement("audio");
      player.hidden = true;
      document.body.appendChild(player);
    }
    root.querySelectorAll("[data-listen]").forEach(function (button) {
      // Shown without JavaScript when there is audio; with it, also when this computer has a voice.
      if (button.hidden && partsOf(button).length) { button.hidden = false; }
      if (button.dataset.ready) { return; }
      button.dataset.ready = "1";
      if (button.tagName === "A") { button.setAttribute("role", "button"); }
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function (event) {
        event.preventDefault();
        read(button);
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
    enableListen(root);
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
      window.speechSynthesis.addEventListener("voiceschanged", function () { enableListen(document); });
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

  // After the session ended, an autosave (the field losing focus to a button) would only meet
  // "the page was open too long", and its answer, coming late, could replace the session the
  // login page has just begun, so that logging in met the same. Send none.
  document.addEventListener("htmx:before:request", function (event) {
    if (!ended) { return; }
    event.preventDefault();
    event.stopPropagation();  // in capture, before the counting of pending requests
  }, true);

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
