// The post screen (templates/admin/blog/post/change_form.html): autosave, a copy in the
// browser, words and reading time, the main button's words, the full address, the search
// and share previews, Ctrl+S, and a question before leaving with unsaved text.
// Words come from data attributes the template translates; nothing here is in English but
// the word count and reading time, which need each language's plural forms: they come from
// the admin's JavaScript catalogue (admin:jsi18n, which the change form loads), and from
// the data attributes if it is missing.
(function () {
  "use strict";

  const screen = document.querySelector(".post-screen");
  if (!screen) return;
  const form = screen.closest("form");
  const data = screen.dataset;
  const field = (name) => form.elements.namedItem(name);
  const title = field("title");
  const excerpt = field("excerpt");
  const body = field("body");
  const slug = field("slug");
  const status = field("status");
  const version = field("opened_version");
  const description = field("meta_description");
  const savedLine = screen.querySelector("[data-saved]");
  const words = (text) => (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) || []).length;
  const fill = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
  // Called as ngettext("…", "…", n), so that `makemessages -d djangojs` finds the words;
  // null without the catalogue.
  const ngettext = (singular, plural, n) =>
    typeof window.ngettext === "function" ? window.ngettext(singular, plural, n) : null;
  const clock = (iso) =>
    new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  let made = null; // the Tiptap editor, once django-prose-editor has made it
  // Its ready event may come before this script runs; Tiptap also keeps the editor on
  // its element.
  const editorOf = () =>
    made || body?.closest(".prose-editor")?.querySelector(".ProseMirror[contenteditable]")?.editor || null;
  let postId = data.postId;
  let autosaveUrl = data.autosaveUrl;
  // Changed since the server last had it; a page shown again with errors holds text
  // that was not saved.
  let dirty = Boolean(form.querySelector(".errornote"));
  let firstChange = 0;
  let timer = null;
  let saving = false;
  let stopped = false; // a conflict: no more autosaves until the editor reloads
  let submitting = false;
  const QUIET_MS = 3000;
  const AT_LEAST_MS = 60000;

  // ---- A copy in this browser, restored after a crash or a closed tab ----
  const storageKey = () => `post-screen:${postId || "new"}`;
  const writing = () => ({
    title: title ? title.value : "",
    excerpt: excerpt ? excerpt.value : "",
    body: body ? body.value : "",
  });
  const same = (a, b) => a.title === b.title && a.excerpt === b.excerpt && a.body === b.body;
  function keepCopy() {
    try {
      localStorage.setItem(storageKey(), JSON.stringify({ ...writing(), at: Date.now() }));
    } catch (error) {
      /* private mode or full storage: the server copy still works */
    }
  }
  function dropCopy() {
    try {
      localStorage.removeItem(storageKey());
    } catch (error) {
      /* nothing to drop */
    }
  }
  function offerRestore() {
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(storageKey()) || "null");
    } catch (error) {
      kept = null;
    }
    if (!kept) return;
    const savedAt = data.savedAt ? Date.parse(data.savedAt) : 0;
    if (same(kept, writing()) || (savedAt && kept.at < savedAt)) {
      dropCopy();
      return;
    }
    const banner = form.querySelector("[data-restore]");
    banner.querySelector("[data-restore-time]").textContent = clock(kept.at);
    banner.hidden = false;
    banner.querySelector("[data-restore-yes]").addEventListener("click", () => {
      if (title) title.value = kept.title;
      if (excerpt) excerpt.value = kept.excerpt;
      const editor = editorOf();
      if (editor) editor.commands.setContent(kept.body, { emitUpdate: true });
      else if (body) body.value = kept.body;
      banner.hidden = true;
      changed();
      title && title.focus();
    });
    banner.querySelector("[data-restore-no]").addEventListener("click", () => {
      dropCopy();
      banner.hidden = true;
    });
  }

  // ---- Autosave ----
  function show(text) {
    if (savedLine) savedLine.textContent = text;
  }
  function changed() {
    if (!dirty && !stopped) show(data.textUnsaved);
    dirty = true;
    if (!firstChange) firstChange = Date.now();
    keepCopy();
    counts();
    previews();
    if (stopped) return;
    clearTimeout(timer);
    const wait = Math.min(QUIET_MS, Math.max(0, firstChange + AT_LEAST_MS - Date.now()));
    timer = setTimeout(save, wait);
  }
  let inflight = null; // the autosave under way, which a Save waits for
  function save() {
    if (saving || stopped || submitting || !dirty) return inflight;
    inflight = send().finally(() => (inflight = null));
    return inflight;
  }
  async function send() {
    saving = true;
    show(data.textSaving);
    const sent = writing();
    const payload = new FormData(form);
    try {
      const response = await fetch(autosaveUrl, {
        method: "POST",
        body: payload,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      const answer = await response.json().catch(() => ({}));
      if (response.status === 409) {
        stopped = true;
        show(answer.error || "");
        return;
      }
      if (!response.ok) {
        show(fill(data.textFailed, { reason: answer.error || response.statusText }));
        return;
      }
      if (version) version.value = answer.version;
      if (answer.autosave_url) autosaveUrl = answer.autosave_url;
      if (answer.change_url) becameDraft(answer);
      show(fill(answer.pending ? data.textPending : data.textSaved, { time: clock(answer.saved_at) }));
      if (same(sent, writing())) {
        dirty = false;
        firstChange = 0;
        dropCopy();
      }
    } catch (error) {
      show(data.textOffline);
    } finally {
      saving = false;
      if (dirty && !stopped) {
        clearTimeout(timer);
        timer = setTimeout(save, QUIET_MS);
      }
    }
  }
  // A new post is a draft from its first autosave: the screen now edits that draft, so
  // pressing Save updates it instead of making a second one.
  function becameDraft(answer) {
    const oldKey = storageKey();
    postId = answer.change_url.split("/").filter(Boolean).slice(-2, -1)[0];
    form.action = answer.change_url;
    history.replaceState(null, "", answer.change_url);
    try {
      localStorage.removeItem(oldKey);
    } catch (error) {
      /* nothing kept */
    }
    // The writers' rows become the rows the draft now has.
    const rows = (answer.writers || []).length;
    (answer.writers || []).forEach((credit, n) => {
      const id = field(`post_authors-${n}-id`);
      const post = field(`post_authors-${n}-post`);
      const author = field(`post_authors-${n}-author`);
      if (id && author && String(author.value) === String(credit.author_id)) {
        id.value = credit.pk;
        if (post) post.value = postId;
      }
    });
    const initial = field("post_authors-INITIAL_FORMS");
    if (initial && rows) {
      const matched = (answer.writers || []).filter((credit, n) => {
        const author = field(`post_authors-${n}-author`);
        return author && String(author.value) === String(credit.author_id);
      }).length;
      initial.value = String(matched);
    }
  }

  // ---- Words, reading time, the main button, the address, the previews ----
  function counts() {
    const editor = editorOf();
    const text = editor ? editor.getText() : (body && body.value.replace(/<[^>]+>/g, " ")) || "";
    const n = words(text);
    const wordsNode = screen.querySelector("[data-words]");
    const minutesNode = screen.querySelector("[data-minutes]");
    if (wordsNode) {
      const said = ngettext("%(words)s word", "%(words)s words", n);
      wordsNode.textContent = said
        ? fill(said, { words: n })
        : n === 1 ? data.textWord : fill(data.textWords, { words: n });
    }
    const perMinute = Number(data.wordsPerMinute) || 200;
    const minutes = Math.max(1, Math.round(n / perMinute));
    if (minutesNode) {
      const said = ngettext("%(minutes)s min read", "%(minutes)s min read", minutes);
      minutesNode.textContent = fill(said || data.textMinutes, { minutes });
    }
  }
  function primaryLabel() {
    const button = form.querySelector("[data-primary]");
    if (!button || !status) return;
    const when = form.querySelector("[name=published_at_0]");
    const time = form.querySelector("[name=published_at_1]");
    let label = data.labelDraft;
    if (status.value === "review") label = data.labelReview;
    if (status.value === "published") {
      const at = when && when.value ? Date.parse(`${when.value}T${(time && time.value) || "00:00"}`) : NaN;
      if (data.status === "published") label = data.labelUpdate;
      else label = !Number.isNaN(at) && at > Date.now() ? data.labelSchedule : data.labelPublish;
    }
    button.textContent = label;
  }
  function address() {
    if (!slug) return;
    const shown = screen.querySelector("[data-address-slug]");
    if (shown) shown.textContent = slug.value;
    const warning = screen.querySelector("[data-address-warning]");
    if (warning) {
      const moved = data.publishedSlug && slug.value !== data.publishedSlug;
      warning.hidden = !moved;
      warning.textContent = moved ? data.textAddressWarning : "";
    }
  }
  function previews() {
    const heading = (title && title.value) || "";
    const text = (description && description.value) || (excerpt && excerpt.value) || heading;
    screen.querySelectorAll("[data-preview-title]").forEach((node) => (node.textContent = heading));
    screen.querySelectorAll("[data-preview-description]").forEach((node) => (node.textContent = text));
    screen.querySelectorAll("[data-preview-url]").forEach((node) => {
      node.textContent = `${screen.querySelector("[data-address-base]")?.textContent || ""}${slug ? slug.value : ""}/`;
    });
    const countTitle = screen.querySelector("[data-count-title]");
    const countText = screen.querySelector("[data-count-description]");
    if (countTitle) countTitle.textContent = `${heading.length} / 60`;
    if (countText) countText.textContent = `${text.length} / 160`;
    const cover = form.querySelector("[data-cover-preview] img");
    const image = screen.querySelector("[data-preview-image]");
    if (image) {
      image.replaceChildren();
      if (cover) {
        const copy = document.createElement("img");
        copy.src = cover.currentSrc || cover.src;
        copy.alt = "";
        image.append(copy);
      }
    }
  }

  // ---- Wiring ----
  form.addEventListener("input", (event) => {
    if (event.target.closest(".post-previews")) return;
    if (["title", "excerpt", "body", "slug", "meta_description"].includes(event.target.name) || event.target.closest(".post-screen")) {
      changed();
    }
    address();
    primaryLabel();
  });
  form.addEventListener("change", () => {
    primaryLabel();
    previews();
  });
  form.addEventListener("submit", (event) => {
    if (inflight) {
      // A new post's first autosave is making its draft: Save goes to that draft once
      // it exists, not to a second new post.
      event.preventDefault();
      const button = event.submitter;
      inflight.then(() => form.requestSubmit(button));
      return;
    }
    submitting = true;
    clearTimeout(timer);
    keepCopy(); // until the saved page shows the same words
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      const button = form.querySelector("[data-primary]");
      if (button) form.requestSubmit(button);
    }
  });
  document.addEventListener("prose-editor:ready", (event) => {
    if (event.detail.textarea !== body) return;
    made = event.detail.editor;
    counts();
  });
  counts();
  primaryLabel();
  address();
  previews();
  if (data.savedAt && data.postId) show(fill(data.textSaved, { time: clock(data.savedAt) }));
  // The copy is offered once the editor exists, so that restoring it fills the editor.
  let tries = 0;
  (function whenEditorExists() {
    if (editorOf() || !body || tries++ > 100) offerRestore();
    else setTimeout(whenEditorExists, 50);
  })();
})();
