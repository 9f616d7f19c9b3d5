// Embed cards: each card of the article (a plain link to the video or post) becomes a button; a click
// replaces it by a frame of the site's own (/integration/<article>/<number>), and only that frame loads the
// provider's player. Until the click, nothing is requested from the provider. Without this script the
// card stays a link to the original.
(() => {
  // The article's frames, /integration/<article>, named by the page on this script's tag.
  const base = document.currentScript && document.currentScript.getAttribute("data-integration");
  const body = document.querySelector(".article-body");
  if (!base || !body) {
    return;
  }
  // Numbered as the server numbers them: every card of the body, in the order of the page.
  body.querySelectorAll("[data-embed]").forEach((card, index) => {
    const link = card.querySelector("a.embed-link");
    const action = card.getAttribute("data-embed-action");
    if (!link || !action) {
      return;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "embed-play";
    const label = document.createElement("span");
    label.className = "embed-action";
    label.textContent = action;
    button.append(label);
    // « Lire la vidéo YouTube : Titre », the separator only hidden from sight.
    for (const part of link.querySelectorAll(".embed-separator, .embed-title")) {
      button.append(part.cloneNode(true));
    }
    button.addEventListener("click", () => {
      const frame = document.createElement("iframe");
      frame.className = "embed-frame";
      frame.title = link.textContent.trim();
      frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.src = `${base}/${index + 1}`;
      button.replaceWith(frame);
      card.classList.add("embed-loaded");
      // The button is gone: keyboard and screen reader users land on what it opened.
      frame.focus();
    });
    link.replaceWith(button);
  });
})();
