// Ticks off the pool's password rules (listed by the server under the field) as the person types, and keeps
// the form from being sent until all are met. The server checks the same rules again.
(function () {
  "use strict";
  const SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";
  const checks = {
    length: (value, rule) => value.length >= Number(rule.dataset.minimum),
    lowercase: (value) => /[a-z]/.test(value),
    uppercase: (value) => /[A-Z]/.test(value),
    number: (value) => /[0-9]/.test(value),
    symbol: (value) => [...value].some((c) => SYMBOLS.includes(c)),
  };
  const field = document.querySelector("input[name=password][aria-describedby=password-rules]");
  const rules = [...document.querySelectorAll("#password-rules li[data-rule]")];
  if (!field) return;
  function update() {
    const unmet = [];
    for (const rule of rules) {
      const met = checks[rule.dataset.rule](field.value, rule);
      rule.classList.toggle("met", met);
      if (!met) unmet.push(rule.textContent);
    }
    field.setCustomValidity(unmet.length ? "The password still needs: " + unmet.join("; ") : "");
  }
  field.addEventListener("input", update);
  update();
})();
