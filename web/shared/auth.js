// Single sign-on for the Helpdesk sites: OAuth 2 code + PKCE (S256) + state against the central sign-in host,
// by full-page redirects only (no iframes, no third-party cookies). Tokens live in this tab's sessionStorage.
//
//   HelpdeskAuth.configure({authUrl, clientId});  // or window.HELPDESK_AUTH set before this script loads;
//                          // redirectUri defaults to <origin>/callback.html, logoutUri to <origin>/
//   const user = await HelpdeskAuth.start();   // null when signed out; may navigate away and back
//   HelpdeskAuth.signIn(); HelpdeskAuth.signOut(); await HelpdeskAuth.fetch("/api/...");
(function () {
  "use strict";
  const KEY = "helpdesk.auth.";
  const store = {
    get: (name) => JSON.parse(sessionStorage.getItem(KEY + name) || "null"),
    set: (name, value) => sessionStorage.setItem(KEY + name, JSON.stringify(value)),
    drop: (...names) => names.forEach((name) => sessionStorage.removeItem(KEY + name)),
  };
  let config = null;
  let refreshing = null;
  let timer = null;
  let lastCheck = 0;
  const listeners = [];
  // Sign-out in one tab ends the session in every open tab: at once on this site (a broadcast), within
  // seconds on the others (a session check against the sign-in host on focus and every few seconds).
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("helpdesk.auth") : null;

  function b64url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function randomString() {
    return b64url(crypto.getRandomValues(new Uint8Array(32)));
  }
  async function challengeOf(verifier) {
    return b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  }
  function claimsOf(jwt) {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  }
  // Only a path on this origin may be returned to: never a URL from the query string.
  function here() {
    return location.pathname + location.search + location.hash;
  }
  function safePath(path) {
    return typeof path === "string" && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
  }

  async function tokenRequest(fields) {
    const response = await fetch(config.authUrl + "/oauth2/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: config.clientId, ...fields }),
    });
    if (!response.ok) throw new Error("token request refused: " + response.status);
    return response.json();
  }
  function keep(tokens) {
    store.set("tokens", {
      id: tokens.id_token,
      access: tokens.access_token,
      refresh: tokens.refresh_token,
      expiresAt: Date.now() + tokens.expires_in * 1000,
    });
    schedule();
  }
  function schedule() {
    clearTimeout(timer);
    const tokens = store.get("tokens");
    if (tokens) timer = setTimeout(() => refresh().catch(() => {}), Math.max(5000, tokens.expiresAt - Date.now() - 60000));
  }
  function signedOutHere() {
    clearTimeout(timer);
    store.drop("tokens");
    listeners.forEach((listener) => listener(null));
  }
  // One refresh at a time: with rotation, two concurrent refreshes would look like token reuse and end the session.
  function refresh() {
    const tokens = store.get("tokens");
    if (!tokens) return Promise.reject(new Error("signed out"));
    refreshing = refreshing || tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh })
      .then((answer) => { keep(answer); return answer; })
      .catch((error) => { signedOutHere(); throw error; })
      .finally(() => { refreshing = null; });
    return refreshing;
  }

  // The session ended elsewhere: forget the tokens and load again, so nothing of the old session stays shown.
  function endedElsewhere() {
    if (!store.get("tokens")) return;
    signedOutHere();
    location.reload();
  }
  function checkSession() {
    if (document.hidden || !store.get("tokens") || performance.now() - lastCheck < 1000) return;
    lastCheck = performance.now();
    refresh().catch(() => location.reload()); // a refused refresh has dropped the tokens already
  }
  if (channel) channel.onmessage = (event) => { if (event.data === "signed-out") endedElsewhere(); };
  window.addEventListener("focus", checkSession);
  document.addEventListener("visibilitychange", checkSession);

  async function authorize(prompt, screen) {
    const verifier = randomString();
    const state = randomString();
    store.set("pending", { verifier, state, returnTo: here() });
    const params = new URLSearchParams({
      response_type: "code", client_id: config.clientId, redirect_uri: config.redirectUri,
      scope: "openid email profile", state, code_challenge: await challengeOf(verifier), code_challenge_method: "S256",
    });
    if (prompt) params.set("prompt", prompt);
    if (screen) params.set("screen_hint", screen);
    location.assign(config.authUrl + "/oauth2/authorize?" + params);
  }

  async function finishRedirect(params) {
    const pending = store.get("pending");
    store.drop("pending");
    if (!pending || params.get("state") !== pending.state) throw new Error("sign-in answer with a wrong state");
    let tokens = null;
    if (params.get("code")) {
      tokens = await tokenRequest({
        grant_type: "authorization_code", code: params.get("code"),
        redirect_uri: config.redirectUri, code_verifier: pending.verifier,
      }).catch(() => null);
    }
    if (tokens) keep(tokens);
    else store.set("checked", true); // login_required or a refused code: signed out; do not ask again on this load
    location.replace(safePath(pending.returnTo));
    return new Promise(() => {}); // the page is being replaced
  }

  function user() {
    const tokens = store.get("tokens");
    return tokens ? claimsOf(tokens.id) : null;
  }

  const HelpdeskAuth = {
    configure(options) {
      config = {
        silent: true,
        redirectUri: location.origin + "/callback.html",
        logoutUri: location.origin + "/",
        ...options,
      };
      return HelpdeskAuth;
    },
    async start() {
      const params = new URLSearchParams(location.search);
      const callback = new URL(config.redirectUri);
      if (location.origin === callback.origin && location.pathname === callback.pathname && params.get("state")) {
        return finishRedirect(params);
      }
      // auth.localhost's page links here with #sign-in or #sign-up: start that, unless already signed in.
      const asked = { "#sign-in": "login", "#sign-up": "signup" }[location.hash];
      if (asked) history.replaceState(null, "", location.pathname + location.search);
      if (store.get("tokens")) {
        // A refresh on every load: a sign-out elsewhere revoked our refresh token, so this is where we learn it.
        try {
          await refresh();
          lastCheck = performance.now();
          setInterval(checkSession, Math.max(1, config.sessionCheckSeconds || 30) * 1000);
          return user();
        } catch (error) { /* fall through: ask the sign-in host */ }
      }
      if (asked) {
        await authorize(null, asked);
        return new Promise(() => {});
      }
      if (store.get("checked")) {
        store.drop("checked");
        return null;
      }
      if (config.silent) {
        await authorize("none");
        return new Promise(() => {});
      }
      return null;
    },
    user,
    signIn: () => authorize(null),
    async signOut() {
      const tokens = store.get("tokens");
      signedOutHere();
      if (channel) channel.postMessage("signed-out");
      if (tokens) {
        await fetch(config.authUrl + "/oauth2/revoke", {
          method: "POST", keepalive: true,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ token: tokens.refresh, client_id: config.clientId }),
        }).catch(() => {});
      }
      location.assign(config.authUrl + "/logout?" + new URLSearchParams({ client_id: config.clientId, logout_uri: config.logoutUri }));
    },
    async idToken() {
      const tokens = store.get("tokens");
      if (!tokens) return null;
      if (tokens.expiresAt - Date.now() < 60000) await refresh();
      return store.get("tokens").id;
    },
    async fetch(url, options = {}) {
      const token = await HelpdeskAuth.idToken();
      const headers = new Headers(options.headers || {});
      if (token) headers.set("Authorization", "Bearer " + token);
      return fetch(url, { ...options, headers });
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
  window.HelpdeskAuth = HelpdeskAuth;
  if (window.HELPDESK_AUTH) HelpdeskAuth.configure(window.HELPDESK_AUTH);
})();
