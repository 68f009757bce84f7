// A video loads nothing from YouTube or Vimeo until the reader asks. The page has a box
// with a play button (hidden) and a link to the video on its site (blog/content/videos.py):
// without JavaScript the link is the box; here the button is shown, and a click puts
// the privacy-mode player in its place, playing at once.
(() => {
  const PLAYER = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/;
  for (const figure of document.querySelectorAll("figure.video[data-player]")) {
    const button = figure.querySelector(".video__play");
    if (!button || !PLAYER.test(figure.dataset.player)) continue;
    button.hidden = false;
    figure.classList.add("is-ready");
    button.addEventListener(
      "click",
      () => {
        const frame = document.createElement("iframe");
        frame.src = figure.dataset.player;
        frame.title = figure.dataset.playerTitle;
        frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
        frame.allowFullscreen = true;
        frame.referrerPolicy = "strict-origin-when-cross-origin";
        button.replaceWith(frame);
        frame.focus();
      },
      { once: true },
    );
  }
})();
