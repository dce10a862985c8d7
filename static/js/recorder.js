// Sökandelots: record sound in the browser for a form (templates/_recorder.html).
// What is recorded goes into the form's file input, so the form's own submit sends it.
// Without this file, or without a microphone, the file input alone does the same.
(function () {
  "use strict";

  var TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];
  var EXTENSIONS = {"audio/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "m4a"};

  function canRecord() {
    return window.MediaRecorder && window.DataTransfer && navigator.mediaDevices &&
      navigator.mediaDevices.getUserMedia && window.isSecureContext;
  }

  function clock(seconds) {
    var whole = Math.floor(seconds);
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function setUp(box) {
    if (box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var input = box.querySelector("input[type=file]");
    var controls = box.querySelector(".recorder-controls");
    var buttons = {
      record: box.querySelector("[data-record]"), stop: box.querySelector("[data-stop]"),
      again: box.querySelector("[data-again]"), remove: box.querySelector("[data-delete]")
    };
    var timer = box.querySelector("[data-timer]");
    var playback = box.querySelector("[data-playback]");
    var status = box.querySelector(".recorder-status");
    var maxSeconds = Number(box.dataset.maxSeconds) || 60;
    var recorder = null, stream = null, chunks = [], started = 0, tick = null, stoppedByLimit = false;
    var playbackUrl = null;

    controls.hidden = false;
    box.querySelector("[data-or]").hidden = false;

    function say(text) { status.textContent = text || ""; }

    function show(state) {  // "empty", "recording" or "recorded"
      buttons.record.hidden = state !== "empty";
      buttons.stop.hidden = state !== "recording";
      buttons.again.hidden = state !== "recorded";
      buttons.remove.hidden = state !== "recorded";
      timer.hidden = state === "empty";
      playback.hidden = state !== "recorded";
      box.dataset.state = state;
    }

    function play(file) {
      if (playbackUrl) { URL.revokeObjectURL(playbackUrl); playbackUrl = null; }
      if (file) {
        playbackUrl = URL.createObjectURL(file);
        playback.src = playbackUrl;
      } else {
        playback.removeAttribute("src");
        playback.load();
      }
    }

    function release() {
      if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
      stream = null;
      clearInterval(tick);
    }

    function showTime() {
      var seconds = (Date.now() - started) / 1000;
      timer.textContent = clock(Math.min(seconds, maxSeconds)) + " / " + clock(maxSeconds);
      if (seconds >= maxSeconds && recorder && recorder.state === "recording") {
        stoppedByLimit = true;
        recorder.stop();
      }
    }

    function finished() {
      release();
      var type = (recorder.mimeType || chunks[0] && chunks[0].type || "audio/webm").split(";")[0];
      var file = new File(chunks, "recording." + (EXTENSIONS[type] || "webm"), {type: type});
      var files = new DataTransfer();
      files.items.add(file);
      input.files = files.files;
      recorder = null;
      play(file);
      show("recorded");
      say(stoppedByLimit ? box.dataset.textTooLong + " " + box.dataset.textRecorded : box.dataset.textRecorded);
      buttons.again.focus();
    }

    function start() {
      navigator.mediaDevices.getUserMedia({audio: true}).then(function (granted) {
        stream = granted;
        var type = TYPES.find(function (candidate) { return MediaRecorder.isTypeSupported(candidate); });
        recorder = new MediaRecorder(stream, type ? {mimeType: type} : undefined);
        chunks = [];
        stoppedByLimit = false;
        recorder.addEventListener("dataavailable", function (event) {
          if (event.data && event.data.size) { chunks.push(event.data); }
        });
        recorder.addEventListener("stop", finished);
        input.value = "";
        play(null);
        recorder.start(1000);
        started = Date.now();
        showTime();
        tick = setInterval(showTime, 250);
        show("recording");
        say(box.dataset.textRecording);
        buttons.stop.focus();
      }).catch(function () {
        release();
        show("empty");
        say(box.dataset.textNoMicrophone);
        input.focus();
      });
    }

    buttons.record.addEventListener("click", start);
    buttons.again.addEventListener("click", start);
    buttons.stop.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") { recorder.stop(); }
    });
    buttons.remove.addEventListener("click", function () {
      input.value = "";
      play(null);
      show("empty");
      say(box.dataset.textDeleted);
      buttons.record.focus();
    });
    // A file chosen by hand is heard back the same way.
    input.addEventListener("change", function () {
      if (recorder) { return; }
      var file = input.files && input.files[0];
      play(file || null);
      show(file ? "recorded" : "empty");
      timer.hidden = true;
      say(file ? box.dataset.textChosen : "");
    });
    // Sending while recording would send nothing: stop first.
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (recorder && recorder.state === "recording") {
          event.preventDefault();
          say(box.dataset.textStopFirst);
          buttons.stop.focus();
        }
      });
    }
    show("empty");
  }

  function setUpAll() {
    if (!canRecord()) { return; }
    document.querySelectorAll("[data-recorder]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
  document.addEventListener("htmx:after:swap", setUpAll);
})();
