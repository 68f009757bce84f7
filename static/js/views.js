// Counts this reader's view once the page is really shown: a page prerendered by the
// browser waits until the reader opens it. See blog/readership/counting.py. The answer is the
// live total, shown in place of the one in the page, which may come from the page cache
// (blog/public/pagecache.py) and be a few minutes old. The words are the page's, in its
// language: blog/post_detail.html gives "N views" once per plural category of that language
// (data-views-one, -few, -many, -other), "{n}" standing for the number.
(() => {
  const article = document.querySelector("[data-view-url]");
  if (!article) return;
  const words = (n) => {
    let category = "other";
    try {
      category = new Intl.PluralRules(document.documentElement.lang || undefined).select(n);
    } catch {
      // an unknown language tag: the "other" words
    }
    const key = "views" + category[0].toUpperCase() + category.slice(1);
    const form = article.dataset[key] ?? article.dataset.viewsOther;
    // The number as Django writes it in the page: digits, no grouping.
    return form && form.replace("{n}", String(n));
  };
  const show = (total) => {
    const link = document.querySelector(".article__header .views");
    const text = Number.isInteger(total) && words(total);
    if (link && text) link.textContent = text;
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
