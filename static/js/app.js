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

  // Safe to run again after each htmx swap: every button is set up once.
  function enhance(root) {
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
})();
