// The embeddable website form (docs/channels.md). One tag on any site:
//   <script src="{shop origin}/embed/form.js" data-form="quote" async></script>
// It draws the form where the tag stands, and posts the answers form-encoded (a CORS "simple" request:
// no preflight) to <shop>/api/forms/<id>; the API answers readable CORS only to the form's listed origins.
(() => {
  const tag = document.currentScript;
  const formId = tag.dataset.form;
  const api = `${new URL(tag.src).origin}/api/forms/${encodeURIComponent(formId)}`;
  const root = document.createElement("div");
  root.className = "helpdesk-form";
  tag.after(root);

  const el = (name, attrs = {}, ...children) => {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    node.append(...children);
    return node;
  };

  function field(f) {
    const id = `hf-${formId}-${f.name}`;
    const input = f.kind === "textarea"
      ? el("textarea", { id, name: f.name, rows: "5", maxlength: String(f.max_length) })
      : el("input", { id, name: f.name, type: f.kind === "email" ? "email" : "text", maxlength: String(f.max_length) });
    if (f.required) input.required = true;
    const error = el("span", { class: "helpdesk-error", id: `${id}-error`, role: "alert" });
    input.setAttribute("aria-describedby", error.id);
    return el("p", {}, el("label", { for: id }, f.label + (f.required ? " *" : "")), el("br"), input, " ", error);
  }

  function honeypot(name) {
    // Off-screen, unfocusable and unnamed to assistive technology: only a bot fills it in.
    // Styled through the CSSOM, which a host page's CSP without 'unsafe-inline' still allows.
    const input = el("input", { name, type: "text", tabindex: "-1", autocomplete: "off" });
    const box = el("div", { "aria-hidden": "true" }, el("label", {}, "Leave this empty", input));
    Object.assign(box.style, { position: "absolute", left: "-10000px", width: "1px", height: "1px", overflow: "hidden" });
    return box;
  }

  async function load() {
    const spec = await (await fetch(api)).json();
    const status = el("p", { class: "helpdesk-status", role: "status", "aria-live": "polite" });
    const button = el("button", { type: "submit" }, "Send");
    const form = el("form", { novalidate: "" }, ...spec.fields.map(field), honeypot(spec.honeypot),
      el("input", { type: "hidden", name: "form_token", value: spec.form_token }), button, status);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      for (const e of form.querySelectorAll(".helpdesk-error")) e.textContent = "";
      button.disabled = true;
      status.textContent = "Sending…";
      try {
        const response = await fetch(api, { method: "POST", body: new URLSearchParams(new FormData(form)) });
        const answer = await response.json();
        if (response.status === 202) {
          form.replaceWith(el("p", { class: "helpdesk-done", role: "status" },
            `Thank you. Your reference is ${answer.reference}. Please confirm your address with the link we mailed you.`));
          return;
        }
        for (const [name, problem] of Object.entries(answer.problems || {})) {
          const slot = form.querySelector(`#hf-${formId}-${name}-error`);
          if (slot) slot.textContent = problem;
        }
        status.textContent = response.status === 429
          ? "Too many requests from here just now. Please try again later."
          : Object.keys(answer.problems || {}).length ? "Please correct the marked fields."
          : `Not sent: ${(answer.reasons || [answer.detail]).join("; ")}`;
      } catch {
        status.textContent = "Could not send. Please try again.";
      } finally {
        button.disabled = false;
      }
    });
    root.replaceChildren(el("h3", {}, spec.title), form);
  }

  load().catch(() => root.replaceChildren(el("p", {}, "The form could not be loaded.")));
})();
