// Accessible names the admin's own markup leaves out, added once the page is built and
// whenever a widget draws more of itself (checked by axe-core in the browser journeys):
// - django-prose-editor's editing box (a contenteditable "textbox") and the autocomplete
//   pickers (select2 "combobox") hide the field that carried the label;
// - a file input sits under a fieldset's legend, which is not a label;
// - a tabular inline's boxes (Delete, Position) have only their column's heading;
// - the editor shows an embedded video as a picture without a description;
// - a tabular inline's first column (each saved row's name) has an empty heading.
(() => {
  // The admin's JavaScript catalogue (admin:jsi18n) is loaded on its form pages, not on
  // every page this runs on: without it the words stay as written. Called as gettext("…")
  // so that `makemessages -d djangojs` finds them.
  const gettext = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);
  const labelFor = (fieldId) => {
    const label = fieldId && document.querySelector(`label[for="${fieldId}"]`);
    if (label) label.id ||= `${fieldId}_label`;
    return label;
  };
  const unnamed = (field) => !field.labels?.length && !field.hasAttribute("aria-label")
    && !field.hasAttribute("aria-labelledby");

  const nameWidgets = () => {
    for (const box of document.querySelectorAll(".ProseMirror[contenteditable]:not([aria-labelledby])")) {
      const label = box.closest(".form-row")?.querySelector("label[for]");
      if (label) box.setAttribute("aria-labelledby", labelFor(label.htmlFor).id);
    }
    for (const picker of document.querySelectorAll(".select2-selection[role=combobox]:not([data-named])")) {
      const shown = picker.getAttribute("aria-labelledby"); // "select2-<field id>-container"
      const fieldId = shown?.replace(/^select2-/, "").replace(/-container$/, "");
      const rendered = document.getElementById(shown);
      const label = labelFor(fieldId);
      const named = label ? null : document.getElementById(fieldId)?.getAttribute("aria-label");
      for (const element of [picker, rendered]) {
        // The current choice sits in a read-only "textbox" of its own: named the same.
        if (label) element?.setAttribute("aria-labelledby", `${label.id} ${shown}`);
        else if (named) element?.setAttribute("aria-label", named);
      }
      picker.dataset.named = "";
    }
    for (const field of document.querySelectorAll("fieldset > legend ~ * input[type=file]")) {
      const legend = field.closest("fieldset").querySelector(":scope > legend");
      if (!unnamed(field)) continue;
      legend.id ||= `${field.id}_legend`;
      field.setAttribute("aria-labelledby", legend.id);
    }
    for (const field of document.querySelectorAll(".tabular td input, .tabular td select")) {
      if (field.type === "hidden" || !unnamed(field)) continue;
      const cell = field.closest("td");
      const heading = cell.closest("table").querySelectorAll("thead th")[cell.cellIndex];
      const name = heading?.textContent.trim().replace(/\?$/, "");
      if (name) field.setAttribute("aria-label", name);
    }
    for (const heading of document.querySelectorAll(".tabular thead th.original:empty")) {
      const name = document.createElement("span");
      name.className = "visually-hidden";
      // Translators: names the column of an inline table that shows each saved row.
      name.textContent = gettext("Saved as");
      heading.append(name);
    }
    for (const picture of document.querySelectorAll(".ProseMirror figure.video > img:not([alt])")) {
      picture.alt = gettext("Embedded video");
    }
  };
  new MutationObserver(nameWidgets).observe(document.documentElement, { childList: true, subtree: true });
  nameWidgets();
})();
