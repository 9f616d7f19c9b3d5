// Pictures in the editor. A file over the limit is refused here, before it is sent, beside its field.
// An image pasted or dropped into the text is sent at once; a dialog asks for its alternative text, caption
// and credit, and its Markdown goes in at the cursor. Without this script, the « Insérer une image dans le
// texte » fieldset does the same with a full page (the image then goes at the end of the text).
(() => {
  const form = document.querySelector("form.editor");
  const fieldset = form && form.querySelector(".body-image-fields");
  const body = form && form.querySelector("textarea[name='Input.Body']");
  if (!form || !fieldset || !body) {
    return;
  }
  const maxBytes = Number(fieldset.dataset.maxBytes);
  const tooHeavy = `L’image dépasse ${Math.round(maxBytes / (1024 * 1024))}\u00a0Mo.`;
  const cursorField = fieldset.querySelector("input[name='BodyImage.Cursor']");
  const bodyFile = fieldset.querySelector("input[name='BodyImage.File']");
  const insertButton = fieldset.querySelector("button[formaction*='handler=InsertImage']");

  function messageFor(name) {
    return form.querySelector(`[data-valmsg-for='${name}']`);
  }

  function say(name, text) {
    const target = messageFor(name);
    if (target) {
      target.textContent = text;
    }
  }

  // Every picture field of the form: the main image's and this one.
  for (const input of form.querySelectorAll("input[type='file']")) {
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (file && file.size > maxBytes) {
        input.value = "";
        say(input.name, tooHeavy);
        input.focus();
      } else {
        say(input.name, "");
      }
    });
  }

  // The live preview sends the whole form as it is typed: the picture to insert waits for its own button.
  if (bodyFile && insertButton) {
    bodyFile.setAttribute("form", "image-du-texte-hors-apercu");
    insertButton.addEventListener("click", () => bodyFile.removeAttribute("form"));
  }

  function rememberCursor() {
    if (cursorField) {
      cursorField.value = String(body.selectionStart);
    }
  }
  for (const type of ["click", "keyup", "select", "input", "focus"]) {
    body.addEventListener(type, rememberCursor);
  }

  // As the server's BodyImageForm.Insert: the image is a paragraph of its own.
  function insert(markdown, start, end) {
    const before = body.value.slice(0, start).replace(/\s+$/, "");
    const after = body.value.slice(end).replace(/^\s+/, "");
    const head = before.length === 0 ? "" : `${before}\n\n`;
    body.value = head + markdown + (after.length === 0 ? "\n" : `\n\n${after}`);
    const caret = head.length + markdown.length;
    body.focus();
    body.setSelectionRange(caret, caret);
    rememberCursor();
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }

  let dialog = null;

  function field(id, label, required) {
    const wrapper = document.createElement("div");
    wrapper.className = "field";
    const labelElement = document.createElement("label");
    labelElement.htmlFor = id;
    labelElement.textContent = label;
    const input = document.createElement("input");
    input.id = id;
    input.type = "text";
    const error = document.createElement("span");
    error.className = "field-error";
    error.id = `${id}-erreur`;
    input.setAttribute("aria-describedby", error.id);
    wrapper.append(labelElement, input, error);
    if (required) {
      input.required = true;
    }
    return { wrapper, input, error };
  }

  function buildDialog() {
    const element = document.createElement("dialog");
    element.className = "body-image-dialog";
    element.setAttribute("aria-labelledby", "image-du-texte-titre");
    const inner = document.createElement("form");
    inner.method = "dialog";
    inner.noValidate = true;
    const title = document.createElement("h2");
    title.id = "image-du-texte-titre";
    title.textContent = "Insérer une image dans le texte";
    const preview = document.createElement("img");
    preview.className = "body-image-dialog-preview";
    preview.alt = "";
    const alt = field("image-du-texte-alt", "Texte alternatif (obligatoire : ce que montre l’image)", true);
    const caption = field("image-du-texte-legende", "Légende");
    const credit = field("image-du-texte-credit", "Crédit photo");
    const status = document.createElement("p");
    status.className = "field-error";
    status.setAttribute("role", "alert");
    const actions = document.createElement("div");
    actions.className = "actions";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.textContent = "Annuler";
    const confirm = document.createElement("button");
    confirm.type = "submit";
    confirm.className = "primary";
    confirm.textContent = "Insérer l’image";
    actions.append(cancel, confirm);
    inner.append(title, preview, alt.wrapper, caption.wrapper, credit.wrapper, status, actions);
    element.append(inner);
    document.body.append(element);
    cancel.addEventListener("click", () => element.close());
    element.addEventListener("close", () => {
      if (preview.src) {
        URL.revokeObjectURL(preview.src);
        preview.removeAttribute("src");
      }
      body.focus();
    });
    return { element, inner, preview, alt, caption, credit, status, confirm };
  }

  function ask(file) {
    if (file.size > maxBytes) {
      say("Input.Body", tooHeavy);
      return;
    }
    say("Input.Body", "");
    dialog = dialog || buildDialog();
    const { element, inner, preview, alt, caption, credit, status, confirm } = dialog;
    const start = body.selectionStart;
    const end = body.selectionEnd;
    for (const part of [alt, caption, credit]) {
      part.input.value = "";
      part.error.textContent = "";
    }
    status.textContent = "";
    preview.src = URL.createObjectURL(file);
    inner.onsubmit = async (event) => {
      event.preventDefault();
      if (alt.input.value.trim() === "") {
        alt.error.textContent = "Décrivez l’image : le texte alternatif est obligatoire pour les lecteurs qui ne la voient pas.";
        alt.input.focus();
        return;
      }
      const data = new FormData();
      data.append("__RequestVerificationToken", form.querySelector("input[name='__RequestVerificationToken']").value);
      data.append("BodyImage.File", file, file.name || "image");
      data.append("BodyImage.Alt", alt.input.value);
      data.append("BodyImage.Caption", caption.input.value);
      data.append("BodyImage.Credit", credit.input.value);
      const url = new URL(window.location.href);
      url.searchParams.set("handler", "InsertImageFragment");
      confirm.disabled = true;
      status.textContent = "Envoi de l’image…";
      try {
        const response = await fetch(url, { method: "POST", body: data, credentials: "same-origin" });
        const answer = response.ok ? await response.json() : null;
        if (answer && answer.markdown) {
          element.close();
          insert(answer.markdown, start, end);
          return;
        }
        const errors = (answer && answer.errors) || {};
        alt.error.textContent = errors["BodyImage.Alt"] || "";
        caption.error.textContent = errors["BodyImage.Caption"] || "";
        credit.error.textContent = errors["BodyImage.Credit"] || "";
        status.textContent = errors["BodyImage.File"] || (answer ? "" : "L’image n’a pas pu être envoyée : réessayez.");
      } catch {
        status.textContent = "L’image n’a pas pu être envoyée : vérifiez la connexion et réessayez.";
      } finally {
        confirm.disabled = false;
      }
    };
    element.showModal();
    alt.input.focus();
  }

  function imageOf(transfer) {
    return transfer ? Array.from(transfer.files || []).find((file) => file.type.startsWith("image/")) : undefined;
  }

  body.addEventListener("paste", (event) => {
    const file = imageOf(event.clipboardData);
    if (file) {
      event.preventDefault();
      ask(file);
    }
  });
  body.addEventListener("dragover", (event) => {
    if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) {
      event.preventDefault();
    }
  });
  body.addEventListener("drop", (event) => {
    const file = imageOf(event.dataTransfer);
    if (file) {
      event.preventDefault();
      ask(file);
    }
  });
})();
