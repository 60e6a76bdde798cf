import { render } from "@react-email/components";
import type { ReactElement } from "react";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

// html-to-text shouts headings and starts list items with " * " unless told otherwise.
const plainText = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "ul", options: { itemPrefix: "• " } },
  ],
};

/** One template, two bodies: the HTML most clients show and the plain text the rest (and filters) read. */
export async function renderMail(subject: string, email: ReactElement): Promise<RenderedMail> {
  const [html, text] = await Promise.all([
    render(email),
    render(email, { plainText: true, htmlToTextOptions: plainText }),
  ]);
  return { subject, html, text };
}
