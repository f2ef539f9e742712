// Below 40em the header's links fold behind a "Menu" button (progressive enhancement: without JavaScript
// the links simply wrap). aria-expanded tells screen readers whether the menu is open.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector("header.site .menu-toggle");
  var header = document.querySelector("header.site");
  if (!button || !header) return;
  button.hidden = false;
  header.classList.add("has-menu");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
  });
});
