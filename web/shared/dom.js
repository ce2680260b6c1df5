// DOM building without innerHTML: every text goes in as a text node, so API data can never become markup.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name in node && typeof value !== "string") node[name] = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function mount(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export const state = {
  loading: (label = "Loading") =>
    h("div", { class: "loading", role: "status", "aria-live": "polite" },
      h("span", { class: "visually-hidden" }, label + "…"),
      h("div", { class: "skeleton", style: "width:60%" }), h("div", { class: "skeleton", style: "width:85%" }),
      h("div", { class: "skeleton", style: "width:40%" })),
  empty: (title, text = "", action = null) =>
    h("div", { class: "state", role: "status" }, h("strong", {}, title), text, action ? h("div", { style: "margin-top:12px" }, action) : null),
  error: (error, retry = null) =>
    h("div", { class: "state state-error", role: "alert" },
      h("strong", {}, "Something went wrong"), error && error.message ? error.message : String(error),
      retry ? h("div", { style: "margin-top:12px" }, h("button", { class: "btn", type: "button", onclick: retry }, "Try again")) : null),
};

export function toast(text) {
  const node = h("div", { class: "toast", role: "status" }, text);
  document.body.append(node);
  setTimeout(() => node.remove(), 3500);
}

export function badge(value, kind = value) {
  const text = String(value).replace(/_/g, " ");
  return h("span", { class: `badge badge-${String(kind).toLowerCase()}` }, text.charAt(0).toUpperCase() + text.slice(1));
}

export function initials(name) {
  const parts = String(name || "?").replace(/@.*/, "").split(/[\s._-]+/).filter(Boolean);
  return (parts[0]?.[0] || "?").toUpperCase() + (parts[1]?.[0] || "").toUpperCase();
}

export function typingInField(event) {
  const target = event.target;
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

// A table that turns into labelled cards on a phone: each cell carries its column's name.
// rows: [{ cells: [node|text, ...], class?: string }]
export function dataTable(caption, headers, rows) {
  return h("div", { class: "table-wrap" }, h("table", { class: "table stackable" },
    h("caption", { class: "visually-hidden" }, caption),
    h("thead", {}, h("tr", {}, headers.map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map((row) => h("tr", { class: row.class || null },
      row.cells.map((cell, i) => h("td", { "data-label": headers[i] || null }, cell)))))));
}

// Pages that re-draw every form from the server after one is saved keep what is still being typed in the others:
// a field the user changed is marked, and a re-draw puts its value back unless its own form was just submitted.
export function keepingEdits(root) {
  const mark = (event) => { if (event.target.id) event.target.dataset.edited = ""; };
  root.addEventListener("input", mark);
  root.addEventListener("change", mark);
  root.addEventListener("submit", (event) => event.target.querySelectorAll("[data-edited]").forEach((field) => delete field.dataset.edited), true);
  return (draw) => {
    const ticked = (field) => field.type === "checkbox" || field.type === "radio";
    const edits = [...root.querySelectorAll("[data-edited]")].map((field) => [field.id, ticked(field) ? field.checked : field.value]);
    draw();
    for (const [id, value] of edits) {
      const field = document.getElementById(id);
      if (!field || !root.contains(field)) continue;
      if (ticked(field)) field.checked = value; else field.value = value;
      field.dataset.edited = "";
    }
  };
}
