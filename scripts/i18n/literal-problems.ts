import { parseSync } from "@swc/core";

/**
 * Words a person reads, written into a component or mail template instead of a catalog: JSX text, text
 * attributes (`title`, `placeholder`, `aria-label`, …), strings and template literals shown as JSX
 * children, text properties of objects (`label: "Name"`), toasts and page metadata. A line marked
 * `i18n-ignore` (on it or just above it) is left alone: a brand name, say, or text for machines.
 */

// Attributes and properties whose string values people read.
const textName =
  /^(aria-label|aria-description|aria-valuetext|alt|title|placeholder|label|description|heading|message|caption|tooltip|summary|hint|help|emptyText|confirmLabel|confirmText|cancelLabel|submitLabel|pendingLabel|successMessage|text)$/;
const toastMethods = new Set(["success", "error", "info", "warning", "message", "loading"]);
// Two letters in a row: "GiB", "Save"; not "—", "·", "%", "x".
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

type Node = { type: string; span?: { start: number }; [key: string]: unknown };

export interface LiteralProblem {
  line: number;
  text: string;
}

export function literalProblems(source: string, fileName = "file.tsx"): LiteralProblem[] {
  const module = parseSync(source, {
    syntax: "typescript",
    tsx: fileName.endsWith(".tsx"),
  }) as unknown as Node;
  const bytes = Buffer.from(source, "utf8");
  const lines = source.split("\n");
  const lineOf = (node: Node) =>
    node.span
      ? bytes
          .subarray(0, Math.max(0, node.span.start - 1))
          .toString("utf8")
          .split("\n").length
      : 0;
  const ignored = (line: number) =>
    [lines[line - 1], lines[line - 2]].some((text) => text?.includes("i18n-ignore"));
  const problems: LiteralProblem[] = [];
  const report = (node: Node, text: string) => {
    // JSX text starts at the end of the tag before it; its words may be lines below.
    const line = lineOf(node) + (text.match(/^\s*/)?.[0].split("\n").length ?? 1) - 1;
    if (!ignored(line)) problems.push({ line, text: text.trim().replace(/\s+/g, " ").slice(0, 80) });
  };

  /** A string a person would read if this expression is shown: literals, template text, both branches. */
  const textual = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === "StringLiteral" && hasWords(node.value as string)) report(node, node.value as string);
    else if (node.type === "TemplateLiteral") {
      const text = (node.quasis as { cooked?: string; raw: string }[])
        .map((quasi) => quasi.cooked ?? quasi.raw)
        .join("…");
      if (hasWords(text)) report(node, text);
    } else if (node.type === "ConditionalExpression") {
      textual(node.consequent as Node);
      textual(node.alternate as Node);
    } else if (node.type === "BinaryExpression" && ["&&", "||", "??"].includes(node.operator as string)) {
      textual(node.right as Node);
      if (node.operator !== "&&") textual(node.left as Node);
    } else if (node.type === "ParenthesisExpression") textual(node.expression as Node);
  };

  const nameOf = (node: Node | undefined): string | null => {
    if (!node) return null;
    if (node.type === "Identifier") return node.value as string;
    if (node.type === "StringLiteral") return node.value as string;
    if (node.type === "JSXNamespacedName")
      return `${nameOf(node.namespace as Node)}:${nameOf(node.name as Node)}`;
    return null;
  };

  const visit = (node: unknown, parent?: Node): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent);
      return;
    }
    if (!node || typeof node !== "object") return;
    const current = node as Node;
    switch (current.type) {
      case "JSXText":
        if (hasWords(current.value as string)) report(current, current.value as string);
        return;
      case "JSXAttribute": {
        const name = nameOf(current.name as Node);
        const value = current.value as Node | null;
        if (name && textName.test(name) && value) {
          if (value.type === "StringLiteral") textual(value);
          else if (value.type === "JSXExpressionContainer") textual(value.expression as Node);
        }
        if (value?.type === "JSXExpressionContainer") visit(value.expression, current);
        return;
      }
      case "JSXExpressionContainer":
        // A child of an element: what it evaluates to is shown.
        if (parent?.type === "JSXElement" || parent?.type === "JSXFragment")
          textual(current.expression as Node);
        visit(current.expression, current);
        return;
      case "KeyValueProperty": {
        const name = nameOf(current.key as Node);
        if (name && textName.test(name)) textual(current.value as Node);
        break;
      }
      case "CallExpression": {
        const callee = current.callee as Node;
        const isToast =
          (callee.type === "Identifier" && callee.value === "toast") ||
          (callee.type === "MemberExpression" &&
            (callee.object as Node).type === "Identifier" &&
            (callee.object as Node).value === "toast" &&
            toastMethods.has(nameOf(callee.property as Node) ?? ""));
        const isDialog =
          callee.type === "Identifier" && ["alert", "confirm", "prompt"].includes(callee.value as string);
        if (isToast || isDialog) {
          const [first] = current.arguments as { expression: Node }[];
          textual(first?.expression);
        }
        break;
      }
    }
    for (const [key, value] of Object.entries(current)) {
      if (key === "span" || key === "type") continue;
      if (value && typeof value === "object") visit(value, current);
    }
  };
  visit(module);
  return problems;
}
