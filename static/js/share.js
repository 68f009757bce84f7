// "Copy link" copies the article's address; without JavaScript the link is the address.
// What it says is the page's, in its language (blog/_share_links.html): data-text-copied,
// and data-text-failed with "{url}" for the address.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  const status = link.parentElement.querySelector(".share__status");
  try {
    await navigator.clipboard.writeText(link.href);
    status.textContent = link.dataset.textCopied;
  } catch {
    status.textContent = link.dataset.textFailed.replace("{url}", () => link.href);
  }
});
