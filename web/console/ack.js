// The link in a page mail (/ack.html?token=...): the on-call person signs in and the escalation stops.
import { h, mount, state } from "/shared/dom.js";
import { api, signIn, startSession } from "/shared/session.js";

const app = document.getElementById("app");
const token = new URLSearchParams(location.search).get("token");
const page = (...children) => mount(app, h("main", { class: "page", id: "main" }, ...children));
const toOps = () => h("a", { class: "btn", href: "/#/ops" }, "Open operations");

async function main() {
  if (!token) return page(state.empty("This link has no page to acknowledge", "Open the link from the page mail again.", toOps()));
  const user = await startSession();
  if (!user) {
    return page(state.empty("Sign in to acknowledge the page", "Acknowledging stops the escalation before the next person is paged.",
      h("button", { class: "btn btn-primary", type: "button", onclick: () => signIn() }, "Sign in")));
  }
  page(state.loading("Acknowledging"));
  try {
    await api("/ops/ack", { method: "POST", body: { token } });
    page(h("div", { class: "state", role: "status" }, h("strong", {}, "Acknowledged"),
      `Thank you, ${user.email}: nobody else will be paged for this alarm.`, h("div", { style: "margin-top:12px" }, toOps())));
  } catch (error) {
    page(h("div", { class: "state state-error", role: "alert" }, h("strong", {}, "Not acknowledged"), error.message,
      h("div", { style: "margin-top:12px" }, toOps())));
  }
}

main();
