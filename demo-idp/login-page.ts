import type { Translator } from "@/lib/i18n/translator";
import { demoAccounts } from "./accounts";
import { escapeHtml } from "./provider";

/**
 * The demo IdP's own sign-in page, shown when the portal did not name an account in login_hint. `base` is
 * the issuer's path when the IdP is served under one; `error` is already in the page's language.
 */
export function renderLoginPage(
  base: string,
  uid: string,
  { lang, t }: { lang: string; t: Translator },
  error?: string,
): string {
  const buttons = demoAccounts
    .map(
      (account) => `<li><form method="post" action="${base}/interaction/${uid}/login">
        <input type="hidden" name="username" value="${account.username}">
        <button type="submit">${escapeHtml(account.name)} <small>${account.username} · ${escapeHtml(t(`demoIdp.blurbs.${account.blurb}`))}</small></button>
      </form></li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(t("demoIdp.title"))}</title>
<style>
  body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
  .note{background:#fef3c7;border:1px solid #f59e0b;padding:.5rem .75rem;border-radius:.5rem;font-size:.9rem}
  ul{list-style:none;padding:0} li{margin:.5rem 0}
  button{width:100%;text-align:left;padding:.6rem .8rem;border:1px solid #d1d5db;border-radius:.5rem;background:#fff;cursor:pointer;font-size:1rem}
  button:hover{background:#f3f4f6} small{color:#6b7280} .error{color:#b91c1c}
  input[type=text]{width:100%;padding:.5rem;border:1px solid #d1d5db;border-radius:.5rem;font-size:1rem;box-sizing:border-box}
</style></head><body>
<h1>${escapeHtml(t("demoIdp.title"))}</h1>
<p class="note">${escapeHtml(t("demoIdp.note"))}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<ul>${buttons}</ul>
<form method="post" action="${base}/interaction/${uid}/login">
  <label for="username">${escapeHtml(t("demoIdp.typeUsername"))}</label>
  <input id="username" name="username" type="text" autocomplete="username" required>
  <p><button type="submit">${escapeHtml(t("demoIdp.signIn"))}</button></p>
</form>
</body></html>`;
}
