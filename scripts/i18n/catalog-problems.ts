import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = "", into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") into.set(path, value);
    else flatten(value, path, into);
  }
  return into;
}

/** The variables a message uses ("{name}", "{count, plural, …}", "<b>…</b>"), with what each nests. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.type === TYPE.tag ? `<${element.value}>` : element.value);
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

/**
 * What is wrong with the catalogs against the source (English): keys missing or extra in a language,
 * messages that are not valid ICU, and translations whose variables differ from English's (a missing
 * `{count}` reads wrong; an extra one shows as raw braces).
 */
export function catalogProblems(catalogs: Record<string, Catalog>, source = "en"): string[] {
  const problems: string[] = [];
  const flat = Object.fromEntries(
    Object.entries(catalogs).map(([locale, catalog]) => [locale, flatten(catalog)]),
  );
  const reference = flat[source];
  if (!reference) return [`no ${source} catalog`];
  const parsedArgs = (locale: string, key: string, text: string) => {
    try {
      return argumentsOf(parse(text));
    } catch (error) {
      problems.push(`${locale}: ${key} is not valid ICU (${(error as Error).message})`);
      return null;
    }
  };
  for (const [locale, messages] of Object.entries(flat)) {
    for (const key of reference.keys()) if (!messages.has(key)) problems.push(`${locale}: missing ${key}`);
    for (const [key, text] of messages) {
      if (!reference.has(key)) {
        problems.push(`${locale}: ${key} is not in ${source}`);
        continue;
      }
      if (text.trim() === "") problems.push(`${locale}: ${key} is empty`);
      const args = parsedArgs(locale, key, text);
      if (locale === source || !args) continue;
      const expected = argumentsOf(parse(reference.get(key)!));
      const differ = [...expected]
        .filter((name) => !args.has(name))
        .concat([...args].filter((name) => !expected.has(name)));
      if (differ.length > 0)
        problems.push(`${locale}: ${key} uses other variables than ${source} (${differ.join(", ")})`);
    }
  }
  return problems;
}
