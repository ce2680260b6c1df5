// Finishes the redirect (code exchange or login_required) and returns to the page the person was on.
// A file, not an inline script: the sites' content security policy admits scripts from their origin only.
HelpdeskAuth.start().catch(function (error) {
  document.getElementById("status").textContent = "Sign-in failed: " + error.message;
});
