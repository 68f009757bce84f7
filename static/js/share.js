// "Copy link" copies the article's address; without JavaScript the link is the address.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  const status = link.parentElement.querySelector(".share__status");
  try {
    await navigator.clipboard.writeText(link.href);
    status.textContent = "Link copied.";
  } catch {
    status.textContent = "Could not copy: the address is " + link.href;
  }
});
