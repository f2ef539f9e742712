// Submits the language form when a language is chosen (no inline handler, so the CSP allows no inline script).
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("lang-select");
  if (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
});
