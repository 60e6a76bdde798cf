/** Where people's words live: every component, page and mail template must take them from the catalogs. */
export const literalScope = ["app", "components", "lib/mail/templates", "demo-idp"];
