// Stored documents (invoices) open through a short-lived URL the API hands out on each click.
import { toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

export async function openDocument(apiPath) {
  const tab = window.open("", "_blank"); // opened on the click itself, so no popup blocker stops it
  try {
    const { url } = await api(apiPath);
    if (!/^https?:/.test(url)) throw new Error("unexpected download address");
    if (tab) { tab.opener = null; tab.location = url; } else location.assign(url);
  } catch (error) {
    if (tab) tab.close();
    toast(`Download failed: ${error.message}`);
  }
}
