// Issuing certificates: polls the run's progress (as the task records it) and fills the
// progress bar; reloads the page once the run has finished, so the list, the outcome and
// the ZIP link of that run appear.
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
        if (d.state === "PROGRESS") text.textContent = (d.done || 0) + " / " + (d.total || "…");
        if (d.state === "SUCCESS" || d.state === "FAILURE" || d.state === "NONE") {
          location.reload();
        } else {
          setTimeout(tick, 1000);
        }
      });
  }
  tick();
})();
