// Lighthouse (desktop preset, performance + accessibility) on pages of the local stack, driven through a user
// flow so a signed-in page is measured as a person sees it: the sign-in form is used once in the tab, then the
// measured navigation loads the page cold (Lighthouse clears the HTTP cache; the tab keeps its sessionStorage
// tokens, as a reload would).
//
//   node lighthouse_pages.mjs <plan.json>   plan: {chrome, out, runs, pages: [{name, url, signIn?: {email, password}}]}
// Writes <out>/<name>-<run>.json (the Lighthouse result) per page and run; runs go round the pages, so a burst of
// load from elsewhere on the machine does not land on one page's runs only.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { startFlow, desktopConfig } from "lighthouse";

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const config = {
  ...desktopConfig,
  settings: { ...desktopConfig.settings, onlyCategories: ["performance", "accessibility"] },
};

async function signIn(page, url, { email, password }) {
  await page.goto(url, { waitUntil: "networkidle0" });
  const button = await page.waitForSelector("::-p-aria([name=\"Sign in\"][role=\"button\"])");
  await Promise.all([page.waitForNavigation(), button.click()]);
  await page.waitForSelector("input[name=email]");
  await page.type("input[name=email]", email);
  await page.type("input[name=password]", password);
  const submit = await page.waitForSelector("::-p-aria([name=\"Sign in\"][role=\"button\"])");
  await submit.click();
  // Back on the site, signed in, and quiet: the page refreshes its tokens once on load (rotating the refresh token),
  // and leaving before the new ones are stored would leave the tab a revoked refresh token.
  await page.waitForSelector("::-p-aria([name=\"Sign out\"][role=\"button\"])", { timeout: 60000 });
  await page.waitForNetworkIdle({ idleTime: 500 });
  await page.goto("about:blank");
}

const browser = await puppeteer.launch({
  executablePath: plan.chrome,
  headless: true,
  args: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
try {
  for (let run = 0; run < plan.runs; run++) for (const spec of plan.pages) {
    // A context of its own per page: the sign-in host's cookie of one person must not sign in the next.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    if (spec.signIn) await signIn(page, spec.url, spec.signIn);
    const flow = await startFlow(page, { config, name: spec.name });
    await flow.navigate(spec.url, { name: spec.name });
    const result = await flow.createFlowResult();
    const lhr = result.steps[0].lhr;
    fs.writeFileSync(path.join(plan.out, `${spec.name}-${run}.json`), JSON.stringify(lhr));
    console.log(spec.name, run, Object.values(lhr.categories).map((c) => `${c.id}=${Math.round(c.score * 100)}`).join(" "));
    await context.close();
  }
} finally {
  await browser.close();
}
