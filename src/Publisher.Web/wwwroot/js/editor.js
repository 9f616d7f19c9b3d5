// Live preview: as the editor types, the server renders the text with the site's own pipeline
// (typography, sanitising), its length and the sub-editor's remarks, and the result replaces the preview.
// Without this script, the « Prévisualiser » button does the same with a full page.
(() => {
  const form = document.querySelector("form.editor");
  const target = document.getElementById("apercu-direct");
  const button = form && form.querySelector("button[formaction*='handler=Preview']");
  if (!form || !target || !button) {
    return;
  }
  const url = new URL(button.getAttribute("formaction"), window.location.href);
  url.searchParams.set("handler", "PreviewFragment");
  let timer = 0;
  let pending = null;

  async function refresh() {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    const data = new FormData(form);
    data.delete("Input.ImageFile");
    try {
      const response = await fetch(url, { method: "POST", body: data, signal: pending.signal, credentials: "same-origin" });
      if (response.ok) {
        target.innerHTML = await response.text();
        // The length under the text is the one the server counted for the preview: one rule for both.
        const counted = target.querySelector("#longueur-apercu");
        const counter = document.getElementById("longueur");
        if (counted && counter) {
          counter.textContent = counted.textContent;
        }
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        console.warn("Aperçu indisponible", error);
      }
    }
  }

  form.addEventListener("input", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "file") {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  });
})();
