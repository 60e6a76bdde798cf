import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { catalogProblems } from "./i18n/catalog-problems";
import { literalProblems } from "./i18n/literal-problems";
import { physicalClasses } from "./i18n/physical-classes";
import { literalScope } from "./i18n/scope";

// npm run lint runs this: the catalogs agree with English, and no component or mail speaks outside them.
const root = join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sourceFiles(path);
    return /\.tsx$/.test(name) ? [path] : [];
  });
}

const messagesDir = join(root, "messages");
const catalogs = Object.fromEntries(
  readdirSync(messagesDir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => [name.replace(/\.json$/, ""), JSON.parse(readFileSync(join(messagesDir, name), "utf8"))]),
);
const problems = catalogProblems(catalogs).map((problem) => `messages/${problem}`);
const only = process.argv.slice(2);
const files =
  only.length > 0
    ? only.map((file) => join(root, file))
    : literalScope.flatMap((dir) => sourceFiles(join(root, dir)));
for (const file of files) {
  const source = readFileSync(file, "utf8");
  for (const { line, text } of literalProblems(source, file))
    problems.push(`${relative(root, file)}:${line}: "${text}" is not from a catalog`);
  for (const { line, found, use } of physicalClasses(source))
    problems.push(`${relative(root, file)}:${line}: "${found}" points left or right; use "${use}"`);
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`\n${problems.length} problem(s). See docs/translating.md.`);
  process.exitCode = 1;
} else {
  console.log(
    `i18n: ${Object.keys(catalogs).length} catalogs agree; ${files.length} files take their words from them.`,
  );
}
