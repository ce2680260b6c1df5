// The OAuth callback page of every site: auth.js finishes the code exchange and returns to where sign-in began.
import { startSession } from "./session.js";

startSession({ silent: false }).catch((error) => {
  document.getElementById("status").textContent = "Sign-in failed: " + error.message;
});
