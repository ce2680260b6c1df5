// The site's session: configures auth.js, runs its SSO check, and calls this site's own API with the token.
const auth = () => window.HelpdeskAuth;
let config = null;

function sibling(label) {
  const [, ...rest] = location.host.split(".");
  return `${location.protocol}//${label}.${rest.join(".")}`;
}

// window.HELPDESK_AUTH comes from /shared/auth-config.js: the local front writes it, on AWS the deploy does.
export async function loadConfig() {
  if (config) return config;
  const given = window.HELPDESK_AUTH || {};
  config = {
    authUrl: sibling("auth"), cabinetUrl: sibling("cabinet"), shopUrl: sibling("shop"), pollSeconds: 20,
    ...given,
  };
  return config;
}

export async function startSession({ silent = true } = {}) {
  const cfg = await loadConfig();
  auth().configure({ authUrl: cfg.authUrl, clientId: cfg.clientId, silent, sessionCheckSeconds: cfg.sessionCheckSeconds });
  return auth().start();
}

export const signIn = () => auth().signIn();
export const signOut = () => auth().signOut();
export const currentUser = () => auth().user();

export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export function queryString(params) {
  const kept = Object.entries(params || {}).filter(([, v]) => v !== undefined && v !== null && v !== "");
  return kept.length ? "?" + new URLSearchParams(kept) : "";
}

// A file from the API (a report export): the blob and the name the API gave it.
export async function apiFile(path, { query, accept } = {}) {
  const response = await auth().fetch("/api" + path + queryString(query), { headers: accept ? { Accept: accept } : {} });
  if (!response.ok) {
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    throw new ApiError((data && (data.message || data.detail)) || `${response.status} ${response.statusText}`, response.status, data);
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
  return { blob: await response.blob(), name: named ? named[1] : "report" };
}

export async function api(path, { method = "GET", body, query } = {}) {
  const headers = body === undefined ? {} : { "Content-Type": "application/json" };
  const response = await auth().fetch("/api" + path + queryString(query), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { message: text }; }
  if (!response.ok) {
    const message = (data && (data.message || data.detail || data.error)) || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status === 401 ? "Your session has ended: sign in again." : message, response.status, data);
  }
  return data;
}
