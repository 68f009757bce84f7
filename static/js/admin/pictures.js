// Pictures from the library, for the post screen (static/js/admin/picture-drop.js, the
// cover's widget in static/js/admin/cover-picture.js) and the library's chooser
// (static/js/admin/picture-chooser.js): an upload with its progress, the dialog that asks
// for a picture's description (alt text), and the opener's callbacks the chooser answers.
// The words come from the admin's JavaScript catalogue (admin:jsi18n), which every admin
// form page loads and the chooser too; markup the server renders is translated there.
(function () {
  "use strict";

  // Called as gettext("…"), so that `makemessages -d djangojs` finds the words; without
  // the catalogue (a page that does not load admin:jsi18n) they stay as written.
  const gettext = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);
  const fill = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    const cookie = document.cookie.split("; ").find((item) => item.startsWith("csrftoken="));
    return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : "";
  }

  // What the library answered, or why it did not: its own words when it gave them.
  function answerOf(request) {
    const answer = request.response && typeof request.response === "object" ? request.response : {};
    if (request.status >= 200 && request.status < 300 && answer.id) return { picture: answer };
    if (request.status >= 200 && request.status < 400) {
      // An expired session answers with the login page instead of the picture.
      return { error: gettext("You are no longer logged in. Log in again in another tab, then try once more.") };
    }
    return {
      error: answer.error || fill(gettext("The library could not take it (error %(status)s). Please try again."), {
        status: request.status,
      }),
    };
  }

  function send(url, data, onProgress) {
    return new Promise((resolve, reject) => {
      data.append("csrfmiddlewaretoken", csrfToken());
      const request = new XMLHttpRequest();
      request.open("POST", url);
      request.responseType = "json";
      request.setRequestHeader("X-CSRFToken", csrfToken());
      request.setRequestHeader("Accept", "application/json");
      if (onProgress) {
        request.upload.addEventListener("progress", (event) => {
          if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
        });
      }
      request.addEventListener("load", () => {
        const { picture, error } = answerOf(request);
        if (picture) resolve(picture);
        else reject(new Error(error));
      });
      request.addEventListener("error", () =>
        reject(new Error(gettext("The picture could not be sent. Check the connection and try again."))),
      );
      request.send(data);
    });
  }

  // Uploads one file to the library. Resolves with the picture as the library describes it
  // (id, url, title, alt, caption, thumbnail, preview, renditions ...).
  function upload(url, file, { alt = "", onProgress = null } = {}) {
    const data = new FormData();
    data.append("file", file, file.name || "picture");
    if (alt) data.append("alt", alt);
    return send(url, data, onProgress);
  }

  // Saves a picture's description (and caption) in the library.
  function saveDescription(picture, fields) {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return send(picture.describe_url, data, null);
  }

  let dialogs = 0;
  let queue = Promise.resolve();

  // Asks for a picture's description in a dialog, once the picture is uploaded, and saves
  // it in the library. Resolves with the picture as saved, or null when the editor leaves
  // it for later. One dialog at a time: pictures dropped together are asked in turn.
  function askDescription(picture, { host = document.body, withCaption = false } = {}) {
    const asked = queue.then(() => openDescription(picture, host, withCaption));
    queue = asked.catch(() => null);
    return asked;
  }

  function element(tag, properties = {}, children = []) {
    const made = Object.assign(document.createElement(tag), properties);
    made.append(...children);
    return made;
  }

  function openDescription(picture, host, withCaption) {
    return new Promise((resolve) => {
      const prefix = `picture-description-${++dialogs}`;
      const field = (name, label, help, value) => {
        const input = element("input", {
          id: `${prefix}-${name}`, name, type: "text", value: value || "",
          maxLength: name === "alt" ? 250 : 300,
        });
        input.setAttribute("aria-describedby", `${prefix}-${name}-help`);
        const box = element("div", { className: "prose-editor-dialog-field" }, [
          element("label", { htmlFor: input.id, textContent: label }),
          input,
          element("span", { className: "help", id: `${prefix}-${name}-help`, textContent: help }),
        ]);
        return { box, input };
      };
      const alt = field(
        "alt",
        gettext("What does the picture show? (alt text)"),
        gettext("For readers who cannot see it, in a sentence: “Two girls plant a tree in their schoolyard”."),
        picture.alt,
      );
      alt.input.required = true;
      const caption = withCaption
        ? field("caption", gettext("Caption (optional)"), gettext("Shown under the picture."), picture.caption)
        : null;
      const error = element("p", { className: "picture-describe__error" });
      error.setAttribute("role", "alert");
      const save = element("button", { type: "submit", textContent: gettext("Save the description") });
      const later = element("button", { type: "button", textContent: gettext("Later") });
      const heading = element("h3", {
        className: "prose-editor-dialog-title", id: `${prefix}-title`,
        textContent: gettext("Describe the picture"),
      });
      const thumbnail = element("img", {
        className: "picture-describe__thumbnail", src: picture.thumbnail || picture.url, alt: "",
        width: 96, height: 96,
      });
      const form = element("form", { method: "dialog" }, [
        heading,
        thumbnail,
        alt.box,
        ...(caption ? [caption.box] : []),
        error,
        element("div", { className: "prose-editor-dialog-buttons" }, [save, later]),
      ]);
      form.noValidate = true;
      const dialog = element("dialog", { className: "prose-editor-dialog picture-describe" }, [form]);
      dialog.setAttribute("aria-labelledby", heading.id);
      let result = null;
      later.addEventListener("click", () => dialog.close());
      dialog.addEventListener("close", () => {
        dialog.remove();
        resolve(result);
      });
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const text = alt.input.value.trim();
        if (!text) {
          error.textContent = gettext("Write what the picture shows, for readers who cannot see it.");
          alt.input.setAttribute("aria-invalid", "true");
          alt.input.focus();
          return;
        }
        save.disabled = true;
        const fields = { alt: text, ...(caption ? { caption: caption.input.value.trim() } : {}) };
        saveDescription(picture, fields)
          .then((saved) => {
            result = saved;
            dialog.close();
          })
          .catch((failure) => {
            error.textContent = failure.message;
            save.disabled = false;
          });
      });
      host.append(dialog);
      dialog.showModal();
      alt.input.focus();
    });
  }

  // The chooser answers the window that opened it as CKEditor's file browsers do:
  // window.opener.CKEDITOR.tools.callFunction(number, url, details). django-prose-editor
  // numbers its own callbacks below zero; these are above, and both are called.
  const waiting = new Map();
  let callbacks = 0;
  let installed = false;

  function installCallFunction() {
    if (installed) return;
    installed = true;
    window.CKEDITOR = window.CKEDITOR || {};
    window.CKEDITOR.tools = window.CKEDITOR.tools || {};
    const before = window.CKEDITOR.tools.callFunction;
    const callFunction = (number, ...details) => {
      if (typeof before === "function") before.call(window.CKEDITOR.tools, number, ...details);
      const callback = waiting.get(Number(number));
      if (callback) {
        waiting.delete(Number(number));
        callback(...details);
      }
    };
    window.CKEDITOR.tools.callFunction = callFunction;
  }

  function openChooser(url, onChosen) {
    installCallFunction();
    callbacks += 1;
    waiting.set(callbacks, onChosen);
    const joiner = url.includes("?") ? "&" : "?";
    window.open(`${url}${joiner}CKEditorFuncNum=${callbacks}`, "_blank", "width=800,height=600");
  }

  window.libraryPictures = { upload, askDescription, openChooser, gettext, fill };
})();
