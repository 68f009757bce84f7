// Counts this reader's view with a beacon, once the page is really shown: a page
// prerendered by the browser waits until the reader opens it. See blog/readership.py.
(() => {
  const article = document.querySelector("[data-view-url]");
  if (!article) return;
  const send = () => {
    const url = article.dataset.viewUrl;
    if (!(navigator.sendBeacon && navigator.sendBeacon(url))) {
      fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" });
    }
  };
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
