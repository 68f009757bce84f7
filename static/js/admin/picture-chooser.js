// The library's chooser (templates/admin/blog/image/choose.html), in the window the post
// editor's "Browse..." or the cover's "Choose from the library" opened: a chosen picture
// goes back to that window as CKEditor's file browsers answer,
// window.opener.CKEDITOR.tools.callFunction(number, url, {id, alternative_text, caption}),
// which is what django-prose-editor's Figure waits for; then this window closes.
// A picture uploaded here joins the grid first, ready to be chosen.
(function () {
  "use strict";

  const root = document.querySelector("[data-picture-chooser]");
  if (!root) return;
  const pictures = window.libraryPictures;
  const { gettext } = pictures; // called as gettext("…"): see pictures.js
  const texts = root.dataset;
  const callback = texts.callback;
  const grid = root.querySelector("[data-grid]");
  const blank = root.querySelector("[data-choice-template]");
  const form = root.querySelector("[data-upload-form]");

  function report(picture) {
    let tools = null;
    try {
      const opener = window.opener;
      tools = opener && !opener.closed && opener.CKEDITOR && opener.CKEDITOR.tools;
    } catch (error) {
      tools = null; // the opener moved to another site
    }
    if (!tools || typeof tools.callFunction !== "function") {
      root.querySelector("[data-chooser-error]").textContent = texts.textNoOpener;
      return;
    }
    tools.callFunction(Number(callback), picture.url, {
      ...picture,
      id: picture.id,
      alternative_text: picture.alt,
      caption: picture.caption,
    });
    window.close();
  }

  grid.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-choose]");
    if (button) report(JSON.parse(button.dataset.picture));
  });

  // A choice for a picture just uploaded, made from the same markup as the server's.
  function choiceFor(picture) {
    const choice = blank.content.firstElementChild.cloneNode(true);
    const pick = choice.querySelector("[data-choose]");
    if (pick.tagName === "A") pick.href = picture.edit_url;
    else pick.dataset.picture = JSON.stringify(picture);
    choice.querySelector("[data-thumbnail]").src = picture.thumbnail;
    choice.querySelector("[data-title]").textContent = picture.title;
    const alt = choice.querySelector("[data-alt]");
    alt.textContent = picture.alt || texts.textNoDescription;
    if (!picture.alt) alt.dataset.missing = "";
    return choice;
  }

  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const altInput = form.querySelector("input[name=alt]");
  const zone = form.querySelector("[data-drop-zone]");
  const progress = form.querySelector("[data-progress]");
  const status = form.querySelector("[data-upload-status]");
  const error = form.querySelector("[data-upload-error]");

  function send(file) {
    if (!file) return;
    status.textContent = "";
    error.textContent = "";
    progress.hidden = false;
    progress.value = 0;
    zone.classList.add("is-busy");
    pictures
      .upload(form.action, file, {
        alt: altInput.value.trim(),
        onProgress: (percent) => {
          progress.value = percent;
        },
      })
      .then((picture) => {
        const choice = choiceFor(picture);
        grid.prepend(choice);
        status.textContent = callback ? texts.textUploaded : texts.textUploadedLibrary;
        altInput.value = "";
        choice.querySelector("[data-choose]").focus();
      })
      .catch((failure) => {
        error.textContent = pictures.fill(gettext("%(name)s was not uploaded: %(reason)s"), {
          name: file.name,
          reason: failure.message,
        });
      })
      .finally(() => {
        progress.hidden = true;
        zone.classList.remove("is-busy");
        input.value = "";
      });
  }

  input.addEventListener("change", () => send(input.files[0]));
  form.addEventListener("submit", (event) => event.preventDefault());
  const carriesFiles = (event) => Array.from(event.dataTransfer?.types || []).includes("Files");
  zone.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    zone.classList.add("is-over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("is-over"));
  zone.addEventListener("drop", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    zone.classList.remove("is-over");
    send(event.dataTransfer.files[0]);
  });
  // A file dropped beside the area is not opened in place of the chooser.
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => {
      if (!event.defaultPrevented && carriesFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "none";
      }
    });
  }
})();
