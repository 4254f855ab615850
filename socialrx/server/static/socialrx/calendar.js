// Calendar drag and drop: drop a post on another day to move it there (same time of day).
// Keyboard users have the "Move" form on every movable post; this is the pointer shortcut.
(function () {
  "use strict";
  var main = document.querySelector(".cal-main");
  if (!main) return;
  var status = document.getElementById("cal-status");
  var tokenInput = main.querySelector("input[name=csrfmiddlewaretoken]");
  var dragged = null;

  function say(text, isError) {
    status.textContent = text;
    status.className = "small " + (isError ? "error" : "ok");
  }

  function move(entry, cell) {
    var body = new FormData();
    body.append("day", cell.getAttribute("data-day"));
    fetch(entry.getAttribute("data-move-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": tokenInput ? tokenInput.value : "" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) { say(result.data.detail || "The post could not be moved.", true); return; }
      cell.querySelector(".cal-entries").appendChild(entry);
      var time = entry.querySelector(".cal-time");
      if (time) time.textContent = result.data.time;
      entry.querySelectorAll("input[name=day]").forEach(function (input) { input.value = result.data.day; });
      say(result.data.message, false);
    }).catch(function () { say("The post could not be moved: the server did not answer.", true); });
  }

  main.addEventListener("dragstart", function (event) {
    var entry = event.target.closest && event.target.closest("[data-move-url]");
    if (!entry) return;
    dragged = entry;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", entry.getAttribute("data-entry"));
  });
  main.addEventListener("dragend", function () { dragged = null; });
  main.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest("[data-day]")) event.preventDefault();
  });
  main.addEventListener("drop", function (event) {
    var cell = event.target.closest("[data-day]");
    if (!dragged || !cell) return;
    event.preventDefault();
    if (cell.contains(dragged)) return;
    move(dragged, cell);
  });
})();
