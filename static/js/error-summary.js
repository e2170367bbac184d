// Forms sent back with errors: the keyboard focus moves to the page's error summary
// (.error-summary, role="alert"), so that a screen reader reads it first and a keyboard
// user starts from it. A link in the summary takes the focus to the field it names; for
// a group (a fieldset, a table row) to its first control, or to the element itself when
// it has none but can take the focus (tabindex="-1").
(function () {
  "use strict";
  var summary = document.querySelector("main .error-summary");
  if (!summary || document.documentElement.hasAttribute("data-error-summary")) {
    return; // no errors, or already set up (each summary includes this script)
  }
  document.documentElement.setAttribute("data-error-summary", "");
  if (!summary.hasAttribute("tabindex")) {
    summary.setAttribute("tabindex", "-1");
  }
  summary.focus();

  var CONTROLS = "input:not([type=hidden]), select, textarea, button";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) {
      return;
    }
    var control = target.matches(CONTROLS) ? target : target.querySelector(CONTROLS);
    if (!control && target.hasAttribute("tabindex")) {
      control = target;
    }
    if (!control) {
      return;
    }
    event.preventDefault();
    control.focus();
    if (control.scrollIntoView) {
      control.scrollIntoView({ block: "center" });
    }
  });
})();
