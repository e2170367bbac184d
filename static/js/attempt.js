/* The attempt page: autosave, countdown and the submit at time-out.
 *
 * - Every data-autosave-seconds (30 s) the form is posted in the background with
 *   autosave=1 (the form's own CSRF token travels in the body); the server answers JSON and
 *   the page never navigates. Nothing is sent when nothing changed. The outcome shows in
 *   the polite live region #save-status ("Saved at 10:42").
 * - Leaving the page any other way than the form's buttons sends unsaved answers with
 *   navigator.sendBeacon.
 * - The countdown follows the server's deadline (the remaining seconds at page load plus
 *   the device clock, so a throttled background tab does not fall behind) and is
 *   announced to screen readers at 5 minutes and at 1 minute. At zero the page saves and
 *   opens the review, where the server submits the attempt.
 * The server keeps the real clock: it refuses saves after the deadline (with a few
 *   seconds' grace) and submits overdue attempts itself. */
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) {
    return;
  }
  var status = document.getElementById("save-status");
  var intervalMs = Math.max(1, parseInt(form.dataset.autosaveSeconds || "30", 10)) * 1000;
  var leaving = false;
  var timeUp = false;

  function snapshot() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") {
        pairs.push([name, String(value)]);
      }
    });
    return JSON.stringify(pairs);
  }

  var lastSaved = snapshot();

  function payload() {
    var data = new FormData(form);
    data.append("autosave", "1");
    return data;
  }

  function say(message) {
    if (status && message) {
      status.textContent = message;
    }
  }

  function save(force) {
    var current = snapshot();
    if (!force && current === lastSaved) {
      return Promise.resolve(null);
    }
    return fetch(form.action, {
      method: "POST",
      body: payload(),
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.ok && body.saved) {
            lastSaved = current;
          }
          say(body.message);
          return body;
        });
      })
      .catch(function () {
        say(form.dataset.notSaved);
        return null;
      });
  }

  var autosave = setInterval(function () {
    if (!leaving && !timeUp) {
      save(false);
    }
  }, intervalMs);

  form.addEventListener("submit", function () {
    leaving = true; // the form's own POST saves this page
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      leaving = false; // back from the browser's page cache: this page is live again
    }
  });

  window.addEventListener("pagehide", function () {
    if (leaving || timeUp || !navigator.sendBeacon || snapshot() === lastSaved) {
      return;
    }
    navigator.sendBeacon(form.action, payload());
  });

  var timer = document.querySelector(".timer");
  if (!timer) {
    return;
  }
  var out = document.getElementById("countdown");
  var announcer = document.getElementById("timer-announce");
  var startLeft = parseInt(timer.dataset.remaining, 10);
  var endsAt = Date.now() + startLeft * 1000;
  var marks = [
    [300, timer.dataset.fiveMinutes],
    [60, timer.dataset.oneMinute],
  ];

  function secondsLeft() {
    return Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
  }

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    var left = secondsLeft();
    out.textContent = format(left);
    marks = marks.filter(function (mark) {
      if (startLeft <= mark[0]) {
        return false; // already below it when the page opened
      }
      if (left <= mark[0]) {
        announcer.textContent = mark[1];
        return false;
      }
      return true;
    });
    if (left <= 0 && !timeUp) {
      timeUp = true;
      clearInterval(countdown);
      clearInterval(autosave);
      announcer.textContent = timer.dataset.timeUp;
      save(true).then(function () {
        window.location.assign(timer.dataset.reviewUrl);
      });
    }
  }

  var countdown = setInterval(tick, 1000);
  tick();
})();
