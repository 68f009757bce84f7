// Pictures dropped or pasted into the post's text (django-prose-editor, Tiptap) go to the
// library: a placeholder with the upload's progress stands in the text meanwhile (a
// decoration, never part of the saved text), then the picture takes its place as a figure
// with the library's id (data-file), and a dialog asks for its description; the caption
// is written under the picture, in the text. A refused file says why beside the editor
// and leaves the text as it was. The upload address comes from the editor's own
// settings (EDITOR_EXTENSIONS in blog/content/text.py).
(function () {
  "use strict";

  const pictures = window.libraryPictures;
  const { gettext } = pictures; // called as gettext("…"): see pictures.js
  const carriesFiles = (transfer) => Array.from(transfer?.types || []).includes("Files");

  // A file dropped beside the editor is not opened in place of the post screen, which
  // would lose the text being written.
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => {
      if (event.defaultPrevented || !carriesFiles(event.dataTransfer)) return;
      if (event.target.closest && event.target.closest("input[type=file], [data-drop-zone]")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "none";
    });
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    let settings = {};
    try {
      settings = JSON.parse(textarea.getAttribute("data-django-prose-editor-configurable") || "{}");
    } catch (error) {
      return;
    }
    const uploadUrl = settings.extensions?.Figure?.uploadUrl;
    if (!uploadUrl) return;
    // The editor's own ProseMirror (plugins and decorations must be of the same copy).
    import("django-prose-editor/editor").then(({ pm }) => acceptPictures(editor, uploadUrl, pm));
  });

  function acceptPictures(editor, uploadUrl, pm) {
    const { Plugin, PluginKey } = pm.state;
    const { Decoration, DecorationSet } = pm.view;
    const key = new PluginKey("libraryUploads");
    const wrapper = editor.view.dom.closest(".prose-editor") || editor.view.dom.parentElement;
    const alert = document.createElement("div");
    alert.className = "picture-drop-alert";
    alert.setAttribute("role", "alert");
    wrapper.after(alert);
    let uploads = 0;

    const placeholderAt = (state, id) => {
      const found = key.getState(state).find(undefined, undefined, (spec) => spec.id === id);
      return found.length ? found[0].from : null;
    };

    // Between blocks, never inside a paragraph: before the block the pointer is at the
    // start of, after it otherwise.
    function blockBoundary(doc, pos) {
      const place = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
      if (!place.depth) return place.pos;
      return place.parentOffset === 0 && place.depth === 1 ? place.before(1) : place.after(1);
    }

    function placeholder(name) {
      const box = document.createElement("div");
      box.className = "picture-upload";
      const label = document.createElement("span");
      label.className = "picture-upload__name";
      label.textContent = pictures.fill(gettext("Uploading %(name)s…"), { name });
      const bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", label.textContent);
      box.append(label, bar);
      return { box, progress: (percent) => { bar.value = percent; } };
    }

    function figureOf(picture) {
      const image = { type: "image", attrs: { src: picture.url, alt: picture.alt || "", file: String(picture.id) } };
      const caption = picture.caption
        ? { type: "caption", content: [{ type: "text", text: picture.caption }] }
        : { type: "caption" };
      return { type: "figure", content: [image, caption] };
    }

    // The image nodes (and their figure's caption) showing a library picture.
    function eachImage(id, visit) {
      editor.state.doc.descendants((node, pos) => {
        if (node.type.name === "image" && node.attrs.file === String(id)) visit(node, pos);
      });
    }

    function describe(picture) {
      pictures.askDescription(picture).then((saved) => {
        let captionAt = null;
        const tr = editor.state.tr;
        eachImage(picture.id, (node, pos) => {
          if (saved && !node.attrs.alt) tr.setNodeMarkup(pos, undefined, { ...node.attrs, alt: saved.alt });
          captionAt = captionAt ?? pos + node.nodeSize + 1; // inside the caption after it
        });
        if (tr.docChanged) editor.view.dispatch(tr);
        // On to the caption, under the picture.
        if (captionAt !== null && captionAt <= editor.state.doc.content.size) {
          editor.chain().focus().setTextSelection(captionAt).run();
        }
      });
    }

    function start(file, pos) {
      const id = `upload-${++uploads}`;
      const shown = placeholder(file.name || gettext("the picture"));
      const at = blockBoundary(editor.state.doc, pos);
      const widget = Decoration.widget(at, shown.box, { id, side: -1 });
      editor.view.dispatch(editor.state.tr.setMeta(key, { add: widget }));
      pictures
        .upload(uploadUrl, file, { onProgress: shown.progress })
        .then((picture) => {
          const where = placeholderAt(editor.state, id);
          editor.view.dispatch(editor.state.tr.setMeta(key, { remove: id }));
          const into = where ?? blockBoundary(editor.state.doc, editor.state.selection.to);
          editor.chain().insertContentAt(into, figureOf(picture)).run();
          if (picture.alt) return;
          describe(picture);
        })
        .catch((failure) => {
          editor.view.dispatch(editor.state.tr.setMeta(key, { remove: id }));
          const line = document.createElement("p");
          line.textContent = pictures.fill(gettext("%(name)s was not added: %(reason)s"), {
            name: file.name || gettext("The picture"),
            reason: failure.message,
          });
          alert.append(line);
        });
    }

    function startAll(files, pos) {
      alert.replaceChildren();
      files.forEach((file) => start(file, pos));
    }

    const plugin = new Plugin({
      key,
      state: {
        init: () => DecorationSet.empty,
        apply(tr, set) {
          let next = set.map(tr.mapping, tr.doc);
          const change = tr.getMeta(key);
          if (change && change.add) next = next.add(tr.doc, [change.add]);
          if (change && change.remove) {
            next = next.remove(next.find(undefined, undefined, (spec) => spec.id === change.remove));
          }
          return next;
        },
      },
      props: {
        decorations: (state) => key.getState(state),
        handleDrop(view, event, slice, moved) {
          if (moved || !carriesFiles(event.dataTransfer) || !event.dataTransfer.files.length) return false;
          const dropped = view.posAtCoords({ left: event.clientX, top: event.clientY });
          startAll(Array.from(event.dataTransfer.files), dropped ? dropped.pos : view.state.selection.from);
          return true;
        },
        handlePaste(view, event) {
          const data = event.clipboardData;
          const files = Array.from(data?.files || []).filter((file) => file.type.startsWith("image/"));
          // Text copied from a word processor comes with a picture of itself: the text wins.
          if (!files.length || (data.getData("text/plain") || "").trim()) return false;
          startAll(files, view.state.selection.from);
          return true;
        },
      },
    });
    editor.registerPlugin(plugin, (added, plugins) => [added, ...plugins]);
  }
})();
