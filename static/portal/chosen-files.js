// Lists the evidence files chosen in the file field (name, type, size, a thumbnail for images) so the
// person sees what will be sent, and lets each be taken out again before submitting. Without JavaScript
// the browser's own "n files" text remains; the server lists stored files after each step either way.
document.addEventListener("DOMContentLoaded", function () {
  var input = document.getElementById("id_files");
  var box = document.getElementById("chosen-files");
  if (!input || !box || typeof DataTransfer === "undefined") return;

  function size(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1).replace(".", ",") + " MB";
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function render() {
    box.textContent = "";
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return;
    var heading = document.createElement("p");
    heading.className = "small";
    var strong = document.createElement("strong");
    strong.textContent = box.getAttribute("data-heading");
    heading.appendChild(strong);
    box.appendChild(heading);
    var list = document.createElement("ul");
    list.className = "files chosen";
    files.forEach(function (file, index) {
      var item = document.createElement("li");
      if (file.type.indexOf("image/") === 0 && file.size < 8 * 1048576) {
        var img = document.createElement("img");
        img.alt = "";
        img.className = "thumb";
        var reader = new FileReader();
        reader.onload = function () { img.src = reader.result; };
        reader.readAsDataURL(file);
        item.appendChild(img);
      }
      var name = document.createElement("span");
      name.textContent = file.name + " ";
      item.appendChild(name);
      var meta = document.createElement("span");
      meta.className = "muted small";
      meta.textContent = "(" + (file.type || "?") + ", " + size(file.size) + ")";
      item.appendChild(meta);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "link-button";
      remove.textContent = box.getAttribute("data-remove");
      remove.setAttribute("aria-label", box.getAttribute("data-remove") + ": " + file.name);
      remove.addEventListener("click", function () {
        var kept = new DataTransfer();
        files.forEach(function (other, i) { if (i !== index) kept.items.add(other); });
        input.files = kept.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));  // re-lists, and the device's draft follows
        input.focus();
      });
      item.appendChild(document.createTextNode(" "));
      item.appendChild(remove);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  input.addEventListener("change", render);
  render();
});
