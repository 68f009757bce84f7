// Counts this reader's view once the page is really shown: a page prerendered by the
// browser waits until the reader opens it. See blog/readership/counting.py. The answer is the
// live total, shown in place of the one in the page, which may come from the page cache
// (blog/public/pagecache.py) and be a few minutes old.
(() => {
  const article = document.querySelector("[data-view-url]");
  if (!article) return;
  const show = (total) => {
    const link = document.querySelector(".article__header .views");
    if (link && Number.isInteger(total)) {
      link.textContent = `${total} view${total === 1 ? "" : "s"}`;
    }
  };
  const send = () => {
    fetch(article.dataset.viewUrl, {
      method: "POST",
      keepalive: true,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => (response.status === 200 ? response.json() : null))
      .then((answer) => answer && show(answer.views))
      .catch(() => {}); // a lost count is not the reader's problem
  };
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
