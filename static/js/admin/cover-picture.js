// A post's cover (CoverPictureWidget, blog/admin/widgets.py): choose it from the library
// (the chooser the editor's picture button opens, which answers the same way), upload one
// (then describe it), change its description, or remove it. The chosen picture's id goes
// into the hidden field the form sends; a "change" event tells the post screen.
(function () {
  "use strict";

  const pictures = window.libraryPictures;
  const { gettext } = pictures; // called as gettext("…"): see pictures.js

  function coverPicture(root) {
    const field = root.querySelector("[data-cover-value]");
    const preview = root.querySelector("[data-cover-figure]");
    const image = root.querySelector("[data-cover-image]");
    const empty = root.querySelector("[data-empty]");
    const alt = root.querySelector("[data-alt]");
    const altMissing = root.querySelector("[data-alt-missing]");
    const caption = root.querySelector("[data-caption]");
    const describe = root.querySelector("[data-describe]");
    const remove = root.querySelector("[data-remove]");
    const upload = root.querySelector("[data-upload]");
    const progress = root.querySelector("[data-progress]");
    const status = root.querySelector("[data-status]");
    const error = root.querySelector("[data-error]");
    const noCaption = caption.textContent;
    let current = root.dataset.picture ? JSON.parse(root.dataset.picture) : null;

    function show(picture, message) {
      current = picture;
      field.value = picture ? String(picture.id) : "";
      preview.hidden = !picture;
      preview.toggleAttribute("data-cover-preview", Boolean(picture));
      empty.hidden = Boolean(picture);
      describe.hidden = !picture;
      remove.hidden = !picture;
      error.textContent = "";
      status.textContent = message || "";
      if (picture) {
        image.src = picture.preview || picture.url;
        alt.textContent = picture.alt || "";
        altMissing.hidden = Boolean(picture.alt);
        caption.textContent = picture.caption || noCaption;
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }

    root.querySelector("[data-choose]").addEventListener("click", () => {
      pictures.openChooser(root.dataset.chooserUrl, (url, details) => {
        // Copied at once: the object belongs to the chooser's window, which closes.
        const picture = JSON.parse(JSON.stringify({ ...details, url, alt: details.alternative_text }));
        show(picture, pictures.fill(gettext("Cover: %(title)s."), { title: picture.title || "" }));
      });
    });

    remove.addEventListener("click", () => {
      show(null, gettext("The cover is removed. Save the post to keep it so."));
      root.querySelector("[data-choose]").focus();
    });

    describe.addEventListener("click", () => {
      if (!current) return;
      pictures.askDescription(current, { withCaption: true }).then((saved) => {
        if (saved) show(saved, gettext("The description is saved in the library."));
        describe.focus();
      });
    });

    upload.addEventListener("change", () => {
      const file = upload.files[0];
      if (!file) return;
      error.textContent = "";
      status.textContent = pictures.fill(gettext("Uploading %(name)s…"), { name: file.name });
      progress.value = 0;
      progress.hidden = false;
      pictures
        .upload(root.dataset.uploadUrl, file, {
          onProgress: (percent) => {
            progress.value = percent;
          },
        })
        .then((picture) => {
          show(picture, pictures.fill(gettext("Cover: %(title)s."), { title: picture.title }));
          if (picture.alt) return null;
          return pictures.askDescription(picture, { withCaption: true }).then((saved) => {
            if (saved) show(saved, gettext("The description is saved in the library."));
          });
        })
        .catch((failure) => {
          status.textContent = "";
          error.textContent = pictures.fill(gettext("%(name)s was not uploaded: %(reason)s"), {
            name: file.name,
            reason: failure.message,
          });
        })
        .finally(() => {
          progress.hidden = true;
          upload.value = "";
        });
    });
  }

  function start() {
    document.querySelectorAll("[data-cover-picture]").forEach(coverPicture);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
