// Issuing certificates: polls the task's progress and fills the progress bar; reloads
// the page once the run has finished so the list and the ZIP link appear.
(function () {
  var box = document.getElementById("progress");
  if (!box) return;
  var bar = box.querySelector(".progress-bar"),
    meter = box.querySelector("[role=progressbar]"),
    text = box.querySelector(".progress-text");
  function tick() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        var pct = d.total ? Math.round((100 * d.done) / d.total) : d.state === "SUCCESS" ? 100 : 0;
        bar.style.width = pct + "%";
        meter.setAttribute("aria-valuenow", pct);
        text.textContent = d.state === "SUCCESS" ? d.issued + " ✓" : (d.done || 0) + " / " + (d.total || "…");
        if (d.state === "SUCCESS") {
          if (!document.querySelector("a[href$='/zip/']")) location.reload();
        } else if (d.state !== "FAILURE") {
          setTimeout(tick, 1000);
        }
      });
  }
  tick();
})();
