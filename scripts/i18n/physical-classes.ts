/**
 * Tailwind utilities that name left or right, in a file's class names: in a right-to-left language they
 * point the wrong way. Their logical twins (`ms-*`, `pe-*`, `start-*`, `text-end`, `border-s`,
 * `rounded-e`) follow the page's direction.
 */
const physical =
  /(?<![\w=-])-?(?:ml|mr|pl|pr|left|right|border-l|border-r|rounded-l|rounded-r|rounded-tl|rounded-tr|rounded-bl|rounded-br|text-left|text-right|scroll-ml|scroll-mr|scroll-pl|scroll-pr)(?:-[\w.[\]/%-]+)?(?![\w\]-])/g;

const twins: Record<string, string> = {
  ml: "ms",
  mr: "me",
  pl: "ps",
  pr: "pe",
  left: "start",
  right: "end",
  "border-l": "border-s",
  "border-r": "border-e",
  "rounded-l": "rounded-s",
  "rounded-r": "rounded-e",
  "rounded-tl": "rounded-ss",
  "rounded-tr": "rounded-se",
  "rounded-bl": "rounded-es",
  "rounded-br": "rounded-ee",
  "text-left": "text-start",
  "text-right": "text-end",
};

export interface PhysicalClass {
  line: number;
  found: string;
  use: string;
}

/** Class names are the strings inside `className="…"`, `cn(…)`/`cva(…)` calls and their template literals. */
export function physicalClasses(source: string): PhysicalClass[] {
  const found: PhysicalClass[] = [];
  const lines = source.split("\n");
  lines.forEach((text, index) => {
    if (!/className|cn\(|cva\(|class:/.test(text) && !/^\s*["'`][^"'`]*["'`],?$/.test(text)) return;
    if (text.includes("i18n-ignore") || lines[index - 1]?.includes("i18n-ignore")) return;
    for (const literal of text.match(/(["'`])(?:(?!\1).)*\1/g) ?? []) {
      for (const match of literal.matchAll(physical)) {
        const utility = match[0].replace(/^-/, "");
        const base = Object.keys(twins)
          .sort((a, b) => b.length - a.length)
          .find((name) => utility === name || utility.startsWith(`${name}-`));
        if (!base) continue;
        found.push({ line: index + 1, found: match[0], use: match[0].replace(base, twins[base]!) });
      }
    }
  });
  return found;
}
