// Hash routing: static hosting (S3) serves one index.html per site, the hash names the page.
export function currentRoute() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = raw.split("?");
  return { path, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function match(pattern, path) {
  const want = pattern.split("/"), got = path.split("/");
  if (want.length !== got.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

export function startRouter(routes, render) {
  const run = () => {
    const { path, query } = currentRoute();
    for (const [pattern, page] of routes) {
      const params = match(pattern, path);
      if (params) return render(page, { ...params, query, path });
    }
    return render(null, { query, path });
  };
  window.addEventListener("hashchange", run);
  run();
}

export function link(path, query = {}) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  return "#" + path + (search.toString() ? "?" + search : "");
}
