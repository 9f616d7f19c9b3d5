// « Copier le lien » beside a new preview link's address. Without this script the button stays hidden and
// the address is selected in its field and copied by hand.
(() => {
  for (const button of document.querySelectorAll("button.copy-link[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    const status = button.closest(".preview-link-created")?.querySelector(".copy-status");
    if (!field || !navigator.clipboard) {
      continue;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = "Lien copié.";
      } catch {
        field.select();
        status.textContent = "Le navigateur a refusé la copie : l’adresse est sélectionnée, copiez-la avec Ctrl+C.";
      }
    });
  }
})();
