// Bench scripts import lib/ modules marked "server-only" outside Next. The react-server condition would
// empty that marker but also stops react-dom/server from loading, which renders the mails; so the marker
// alone resolves to an empty module here.
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}
