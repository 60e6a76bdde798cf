/** Escapes text for HTML, so a VM named `<b>` is shown, not obeyed. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The plain layout every message shares: a heading, paragraphs, an optional button, a footer. */
export function layout(options: {
  portalName: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}): string {
  const button = options.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(options.action.url)}" style="background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(options.action.label)}</a></p>`
    : "";
  return `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(options.heading)}</h1>
${options.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n")}
${button}
<p style="color:#666;font-size:12px;margin-top:32px">${escapeHtml(options.footer)} — ${escapeHtml(options.portalName)}</p>
</body></html>`;
}
