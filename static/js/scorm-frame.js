/* Inside a SCORM package's sandboxed frame (injected into its launch page by
   scorm.views.content, before the package's own scripts): window.API is scorm-again's
   CrossFrameAPI, which answers the package at once from a cache and forwards every call
   by postMessage to the lesson page. The cache starts with the learner's CMI data, so that
   a package reading cmi.suspend_data right after LMSInitialize resumes where it left. */
(function () {
  "use strict";
  var script = document.currentScript;
  var parentOrigin = script.getAttribute("data-parent-origin");
  var data = {};
  try {
    data = JSON.parse(script.getAttribute("data-cmi") || "{}");
  } catch (error) {
    data = {};
  }
  var api = new window.CrossFrameAPI(parentOrigin, window.parent, { timeout: 15000 });
  Object.keys(data).forEach(function (key) {
    api._cache.set(key, String(data[key]));
  });
  window.API = api;
})();
