// GOV.UK error summary: move focus to it when the page loads, so a screen reader announces the problems
// first; a link in it focuses its field and scrolls the field's label or legend into view as well.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
    var label = legend || document.querySelector("label[for='" + input.id + "']") || input;
    label.scrollIntoView();
    input.focus({ preventScroll: true });
  });
});
