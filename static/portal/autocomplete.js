// Type-ahead search over the long lists of the report form (agencies, regencies): every <select
// data-autocomplete> becomes GOV.UK's accessible-autocomplete (vendored), which announces the number of
// matches and the highlighted one to screen readers and is driven by arrow keys and Enter. The <select>
// stays in the form (hidden) and carries the value, so the server, htmx's "change" triggers and the
// no-JavaScript page work as before. The options are read from the <select> at every keystroke, so a list
// that htmx replaces (the regencies of the chosen province) is searched as it is now.
document.addEventListener("DOMContentLoaded", function () {
  var texts = document.getElementById("autocomplete-texts");
  if (typeof accessibleAutocomplete === "undefined" || !texts) return;
  var t = texts.dataset;
  var LIMIT = 30;

  function fold(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }

  function choices(select) {
    return Array.prototype.filter.call(select.options, function (o) { return o.value; });
  }

  function enhance(select) {
    var id = select.id;
    var describedBy = select.getAttribute("aria-describedby") || "";
    var container = document.createElement("div");
    container.className = "autocomplete";
    select.parentNode.insertBefore(container, select);
    select.id = id + "-select";
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    var current = select.options[select.selectedIndex];

    function setValue(value) {
      if (select.value === value) return;
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    accessibleAutocomplete({
      element: container,
      id: id,
      defaultValue: current && current.value ? current.textContent : "",
      minLength: 2,
      autoselect: true,
      confirmOnBlur: true,
      displayMenu: "overlay",
      showNoOptionsFound: true,
      source: function (query, populate) {
        var words = fold(query).split(" ");
        var starts = [];
        var contains = [];
        choices(select).forEach(function (o) {
          var name = fold(o.textContent);
          if (!words.every(function (w) { return name.indexOf(w) !== -1; })) return;
          var wordStart = name.indexOf(words[0]) === 0 || name.indexOf(" " + words[0]) !== -1;
          (wordStart ? starts : contains).push(o.textContent);
        });
        populate(starts.concat(contains).slice(0, LIMIT));
      },
      onConfirm: function (text) {
        if (text === undefined) return;
        var chosen = choices(select).filter(function (o) { return o.textContent === text; })[0];
        if (chosen) setValue(chosen.value);
      },
      tNoResults: function () { return t.noResults; },
      tStatusQueryTooShort: function (n) { return t.tooShort.replace("%(n)s", n); },
      tStatusNoResults: function () { return t.noResults; },
      tStatusSelectedOption: function (option, length, index) {
        return t.selected.replace("%(option)s", option).replace("%(i)s", index + 1).replace("%(n)s", length);
      },
      tStatusResults: function (length, selected) {
        return (length === 1 ? t.resultOne : t.results.replace("%(n)s", length)) + " " + selected;
      },
      tAssistiveHint: function () { return t.hint; }
    });

    var input = document.getElementById(id);
    if (!input) return;
    function describe() {
      // the help text and error of the field stay tied to the input next to the widget's own hint
      window.setTimeout(function () {
        var own = (input.getAttribute("aria-describedby") || "").split(" ");
        describedBy.split(" ").forEach(function (d) { if (d && own.indexOf(d) === -1) own.push(d); });
        input.setAttribute("aria-describedby", own.join(" ").trim());
      }, 0);
    }
    describe();
    input.addEventListener("keyup", describe);
    input.addEventListener("input", function () {
      if (!input.value.trim()) setValue("");
    });
    if (select.getAttribute("aria-invalid") === "true") input.setAttribute("aria-invalid", "true");
    // a list replaced by htmx (another province) empties a choice that is no longer in it
    select.addEventListener("htmx:afterSwap", function () {
      if (!select.value) input.value = "";
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-autocomplete]"), enhance);
});
