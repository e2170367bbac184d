/* The lesson page of a SCORM lesson: scorm-again's Scorm12API holds the learner's CMI
   data and commits it to the server; CrossFrameLMS answers the package, which runs in a
   sandboxed frame with an opaque origin. Only messages from that frame are let through
   (checked before CrossFrameLMS sees them). */
(function () {
  "use strict";
  var frame = document.getElementById("scorm-frame");
  var dataIsland = document.getElementById("scorm-cmi");
  if (!frame || !dataIsland || !window.Scorm12API || !window.CrossFrameLMS) {
    return;
  }
  var status = document.getElementById("scorm-status");
  var commitUrl = frame.getAttribute("data-commit-url");
  var seq = 0;
  var settings = {
    autocommit: true,
    autocommitSeconds: 30,
    dataCommitFormat: "json",
    logLevel: 4,
    requestHandler: function (commit) {
      seq += 1;
      return { seq: seq, cmi: commit.cmi };
    },
    responseHandler: function (response) {
      return response.json().then(function (body) {
        if (body && body.lessonCompleted && status) {
          status.hidden = false;
        }
        return { result: body.result, errorCode: body.errorCode || 0 };
      });
    },
    xhrResponseHandler: function (xhr) {
      var body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch (error) {
        return { result: "false", errorCode: 101 };
      }
      if (body.lessonCompleted && status) {
        status.hidden = false;
      }
      return { result: body.result, errorCode: body.errorCode || 0 };
    }
  };
  if (commitUrl) {
    settings.lmsCommitUrl = commitUrl;
  }
  var api = new window.Scorm12API(settings);
  api.loadFromFlattenedJSON(JSON.parse(dataIsland.textContent));
  window.API = api;

  // Let through only the package frame's messages (capture, before CrossFrameLMS).
  window.addEventListener(
    "message",
    function (event) {
      if (event.source !== frame.contentWindow) {
        event.stopImmediatePropagation();
      }
    },
    true
  );
  // "*": the frame's origin is opaque ("null"), which postMessage cannot target; the
  // guard above has already checked the sender. A package may set many values at once.
  new window.CrossFrameLMS(api, "*", { rateLimit: 2000 });
  frame.setAttribute("src", frame.getAttribute("data-src"));
})();
