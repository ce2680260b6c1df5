// The survey page a solved ticket's mail links to (no sign-in: the signed token is the key). Opening a
// good/bad link records that rating at once (one click); a comment can follow, once.
import { h, mount, state } from "/shared/dom.js";

const main = document.getElementById("main");
const given = new URLSearchParams(location.hash.slice(1));
const token = given.get("t") || "";
const LABEL = { good: "Good, I'm satisfied", bad: "Bad, I'm unsatisfied" };

async function call(method, body) {
  const url = "/api/csat" + (method === "GET" ? "?" + new URLSearchParams({ t: token }) : "");
  const response = await fetch(url, { method, headers: body ? { "Content-Type": "application/json" } : {}, body: body && JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  return { status: response.status, data };
}

function commentForm() {
  const text = h("textarea", { id: "csat-comment", class: "input", rows: 4, maxlength: 2000 });
  const problem = h("p", { class: "small", role: "alert" });
  return h("form", { class: "card stack", id: "csat-comment-form", onsubmit: async (event) => {
    event.preventDefault();
    const answer = await call("POST", { token, comment: text.value });
    if (answer.status === 200) return show(answer.data);
    mount(problem, answer.data.detail || "The comment could not be saved.");
  } }, h("label", { class: "field", for: "csat-comment" }, h("span", {}, "Anything to add? (optional)"), text), problem,
  h("button", { class: "btn btn-primary", type: "submit" }, "Send comment"));
}

function choose(rating) {
  call("POST", { token, rating }).then((answer) => {
    if (answer.status === 200) return show(answer.data);
    if (answer.status === 409) return load(); // rated already (another tab, a mail scanner): show what stands
    mount(main, state.error(new Error(answer.data.detail || "The rating could not be saved."), () => choose(rating)));
  });
}

function show(survey) {
  if (!survey.rating) {
    return mount(main, h("h1", {}, `How did we do with ${survey.number}?`),
      h("div", { class: "row" }, ["good", "bad"].map((r) => h("button", { class: "btn", type: "button", id: `csat-${r}`, onclick: () => choose(r) }, LABEL[r]))));
  }
  mount(main, h("h1", { id: "csat-thanks" }, "Thank you for your rating"),
    h("p", { id: "csat-rating" }, `You rated ${survey.number}: ${LABEL[survey.rating]}.`),
    survey.comment ? h("blockquote", { id: "csat-said" }, survey.comment) : null,
    survey.can_comment ? commentForm() : null);
}

async function load() {
  const answer = await call("GET");
  if (answer.status !== 200) return mount(main, state.empty("This rating link is not valid", "Please use the link from your most recent mail."));
  const wanted = given.get("r");
  if (!answer.data.rating && (wanted === "good" || wanted === "bad")) return choose(wanted);
  show(answer.data);
}

mount(main, state.loading("Opening your survey"));
load();
