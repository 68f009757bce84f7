// The comment form, enhanced: "Reply" opens the form under the comment, posting does not
// reload the page, and focus moves to the new comment or to the error message. Without
// JavaScript the same links and form work with full page loads (?reply_to=ID). Its words
// are the page's, in its language: the form's data-text-* (blog/_comment_form.html) and
// the "N comments" of #comments, one data-comments-* a plural category (blog/post_detail.html).
(() => {
  const home = document.getElementById("comments");
  if (!home) return;
  const status = document.getElementById("comment-status");
  let placeholder = null; // where the form lives when it is not under a comment

  const form = () => document.querySelector("[data-comment-form]");

  function setReplying(target, link) {
    const f = form();
    const parent = f.querySelector('input[name="parent"]');
    const title = f.querySelector(".comment-form__title");
    const replying = f.querySelector("[data-replying]");
    const submit = f.querySelector('button[type="submit"]');
    if (link) {
      if (!placeholder) {
        placeholder = document.createComment("comment form");
        f.before(placeholder);
      }
      parent.value = link.dataset.replyTo;
      // A function, so that "$&" in a name is not read as a replacement pattern.
      title.textContent = f.dataset.textReplyTitle.replace("{name}", () => link.dataset.replyName);
      replying.hidden = false;
      submit.textContent = f.dataset.textPostReply;
      f.classList.add("comment-form--inline");
      target.after(f);
      // Focus the first field still empty (a returning commenter's name may be filled).
      const fields = [...f.querySelectorAll("input[type=text], input[type=email], textarea")]
        .filter((field) => !field.closest(".field-trap"));
      (fields.find((field) => !field.value) || fields[fields.length - 1]).focus();
    } else {
      parent.value = "";
      title.textContent = f.dataset.textNewTitle;
      replying.hidden = true;
      submit.textContent = f.dataset.textPostComment;
      f.classList.remove("comment-form--inline");
      if (placeholder) placeholder.replaceWith(f);
      placeholder = null;
    }
  }

  document.addEventListener("click", (event) => {
    const reply = event.target.closest("[data-reply-to]");
    if (reply && form()) {
      event.preventDefault();
      setReplying(reply.closest(".comment__card"), reply);
      return;
    }
    if (event.target.closest("[data-cancel-reply]") && placeholder) {
      event.preventDefault();
      setReplying(null, null);
    }
  });

  function insertComment(data) {
    const holder = document.createElement("template");
    holder.innerHTML = data.html.trim();
    const item = holder.content.firstElementChild;
    let list;
    const parent = data.parent && document.getElementById("comment-" + data.parent);
    if (parent) {
      list = parent.querySelector(":scope > .comment-list--replies");
      if (!list) {
        list = document.createElement("ol");
        list.className = "comment-list comment-list--replies";
        parent.append(list);
      }
    } else {
      list = home.querySelector(":scope > .comment-list");
      if (!list) {
        list = document.createElement("ol");
        list.className = "comment-list";
        home.querySelector("[data-no-comments]")?.remove();
        status.after(list);
      }
    }
    list.append(item);
    return item;
  }

  // "N comments", in the heading and in the article's header, as a reload would show it:
  // the words for n in the page's language, "{n}" standing for the number (digits, as
  // Django writes it).
  function commentsText(n) {
    let category = "other";
    try {
      category = new Intl.PluralRules(document.documentElement.lang || undefined).select(n);
    } catch {
      // an unknown language tag: the "other" words
    }
    const key = "comments" + category[0].toUpperCase() + category.slice(1);
    const form = home.dataset[key] ?? home.dataset.commentsOther;
    return form && form.replace("{n}", String(n));
  }

  function countOneMore() {
    const n = parseInt(home.dataset.commentCount, 10) + 1;
    const text = !Number.isNaN(n) && commentsText(n);
    if (!text) return;
    home.dataset.commentCount = n;
    for (const count of document.querySelectorAll("#comments-title, .article__header .comment-count")) {
      count.textContent = text;
    }
  }

  document.addEventListener("submit", async (event) => {
    const f = event.target;
    if (!f.matches("[data-comment-form]")) return;
    event.preventDefault();
    const submit = f.querySelector('button[type="submit"]');
    submit.disabled = true;
    let response;
    try {
      response = await fetch(f.action, {
        method: "POST",
        body: new FormData(f),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
    } catch {
      f.submit(); // offline or blocked: let the browser post the form itself
      return;
    }
    const data = await response.json();
    if (data.ok) {
      const item = insertComment(data);
      f.querySelector("textarea").value = "";
      setReplying(null, null);
      submit.disabled = false;
      status.textContent = data.message;
      if (data.public) countOneMore();
      const card = item.querySelector(".comment__card");
      card.tabIndex = -1;
      card.focus();
    } else {
      f.outerHTML = data.form;
      const errors = document.getElementById("comment-form-errors");
      if (errors) errors.focus();
    }
  });
})();
