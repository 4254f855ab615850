// The post editor: show the chosen channels' cards, add suggested hashtags and tagged links to the text.
(function () {
  "use strict";

  function syncVariants() {
    document.querySelectorAll("[data-channel-toggle]").forEach(function (box) {
      var card = document.querySelector('.variant[data-channel="' + box.value + '"]');
      if (card) card.hidden = !box.checked;
    });
  }

  // Changing a text box by script fires no input event, so the live check would not rerun.
  function changed(field) {
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  }

  function addHashtag(field, tag) {
    var present = (" " + field.value + " ").toLowerCase().indexOf(" " + tag.toLowerCase() + " ") >= 0;
    if (present) return;
    var text = field.value.replace(/\s+$/, "");
    var lastLine = text.slice(text.lastIndexOf("\n") + 1);
    var separator = !text ? "" : /^(#\S+\s*)+$/.test(lastLine) ? " " : "\n\n";
    field.value = text + separator + tag;
    changed(field);
  }

  function insertLink(field, link) {
    var bare = link.split("?")[0];
    if (field.value.indexOf(link) >= 0) return;
    var at = field.value.indexOf(bare);
    if (at >= 0) {
      var end = at + bare.length;
      while (end < field.value.length && !/\s/.test(field.value[end])) end += 1;
      field.value = field.value.slice(0, at) + link + field.value.slice(end);
    } else {
      field.value = field.value.replace(/\s+$/, "") + (field.value.trim() ? "\n\n" : "") + link;
    }
    changed(field);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-hashtag], [data-insert-link]");
    if (!button) return;
    var field = document.getElementById(button.dataset.target);
    if (!field) return;
    if (button.dataset.addHashtag) addHashtag(field, button.dataset.addHashtag);
    else insertLink(field, button.dataset.insertLink);
  });

  document.querySelectorAll("[data-channel-toggle]").forEach(function (box) {
    box.addEventListener("change", syncVariants);
  });
  syncVariants();
})();
