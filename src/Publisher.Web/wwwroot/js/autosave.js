// Nothing typed is lost: what the editor types is kept on the server as their own working copy of the article
// (neither the article nor a revision) a couple of seconds after typing stops, when a field is left and when the
// page is hidden; the line beside « Enregistrer » says when. Leaving with changes the server does not have asks
// first; Ctrl+S (Cmd+S) saves. Without this script the form saves as before, and the page itself offers the
// copy back.
(() => {
  const form = document.querySelector("form.editor");
  const status = form && form.querySelector(".autosave-status");
  const save = form && form.querySelector("button[formaction*='handler=Save']");
  if (!form || !status || !save || !status.dataset.url) {
    return;
  }
  const url = status.dataset.url;
  const delay = 2000;
  // A copy offered back is not overwritten by what is typed before the editor has resumed or ignored it.
  const offered = document.querySelector(".working-copy[data-copie='proposee']");
  let stored = snapshot();
  let timer = 0;
  let pending = null;
  let submitting = false;
  let aboutToSubmit = false;

  // The article's fields only: the « Insérer une image dans le texte » fields (its cursor moves with every
  // click in the text) are not the article, and a click is not a change.
  function fields() {
    const data = new FormData(form);
    data.delete("Input.ImageFile");
    for (const name of Array.from(data.keys())) {
      if (name.startsWith("BodyImage.")) {
        data.delete(name);
      }
    }
    return new URLSearchParams(data);
  }

  // The fields as the server keeps them, without the anti-forgery token.
  function snapshot(params = fields()) {
    const copy = new URLSearchParams(params);
    copy.delete("__RequestVerificationToken");
    return copy.toString();
  }

  function fileChosen() {
    return Array.from(form.querySelectorAll("input[type='file']")).some((input) => input.files && input.files.length > 0);
  }

  function unsaved() {
    return snapshot() !== stored || fileChosen();
  }

  function show(text) {
    status.textContent = text;
  }

  async function refused(response) {
    if (response.status === 413) {
      return "Copie de travail non enregistrée\u00A0: le texte est trop long.";
    }
    try {
      const answer = await response.json();
      if (answer && typeof answer.message === "string") {
        return answer.message;
      }
    } catch {
      // Not the handler's answer (an expired form token): the generic line below.
    }
    return "Copie de travail non enregistrée\u00A0: rechargez la page.";
  }

  async function autosave(leaving = false) {
    window.clearTimeout(timer);
    if (submitting) {
      return;
    }
    const body = fields();
    const sent = snapshot(body);
    if (sent === stored) {
      return;
    }
    if (offered) {
      show("Enregistrement automatique en pause\u00A0: reprenez ou ignorez d’abord votre copie de travail.");
      return;
    }
    if (pending) {
      pending.abort();
    }
    const controller = new AbortController();
    pending = controller;
    show("Enregistrement automatique…");
    const text = body.toString();
    try {
      const response = await fetch(url, {
        method: "POST",
        body: text,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        signal: controller.signal,
        credentials: "same-origin",
        redirect: "manual",
        // A page being closed may finish its last request, up to the browser's 64 KB.
        keepalive: leaving && text.length < 60000,
      });
      if (response.type === "opaqueredirect") {
        show("Copie de travail non enregistrée\u00A0: votre session a expiré. Reconnectez-vous dans un autre onglet.");
      } else if (response.ok) {
        const answer = await response.json();
        stored = sent;
        show(answer.message);
      } else if (response.status === 400 || response.status === 413) {
        show(await refused(response));
      } else {
        show("Copie de travail non enregistrée\u00A0: le serveur ne répond pas. Nouvel essai à la prochaine modification.");
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        show("Copie de travail non enregistrée\u00A0: connexion perdue. Nouvel essai à la prochaine modification.");
      }
    } finally {
      if (pending === controller) {
        pending = null;
      }
    }
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(autosave, delay);
  }

  form.addEventListener("input", (event) => {
    if (!(event.target instanceof HTMLInputElement && event.target.type === "file")) {
      later();
    }
  });
  form.addEventListener("change", later);

  // Pressing a submit button leaves the field first: its form carries the text, an autosave would race it.
  form.addEventListener("pointerdown", (event) => {
    if (event.target instanceof Element && event.target.closest("button[type='submit'], input[type='submit']")) {
      aboutToSubmit = true;
      window.setTimeout(() => { aboutToSubmit = false; }, 1000);
    }
  });
  form.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    const toSubmit = next instanceof Element && next.closest("button[type='submit'], input[type='submit']") && form.contains(next);
    if (!aboutToSubmit && !toSubmit) {
      autosave();
    }
  });
  form.addEventListener("submit", () => {
    submitting = true;
    window.clearTimeout(timer);
    if (pending) {
      pending.abort();
    }
  });
  // Back to this page from the browser's cache: it is being edited again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      submitting = false;
    }
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      autosave(true);
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (!submitting && unsaved()) {
      event.preventDefault();
      // Older browsers show the dialog only when this is set.
      event.returnValue = "";
    }
  });

  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      if (!submitting) {
        form.requestSubmit(save);
      }
    }
  });

  // A page the server rendered from a post (a preview, a refused save): what it shows is stored nowhere yet.
  if (status.dataset.unsaved === "true") {
    stored = null;
    autosave();
  }
})();
