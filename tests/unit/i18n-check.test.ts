import { describe, expect, it } from "vitest";
import { catalogProblems } from "@/scripts/i18n/catalog-problems";
import { literalProblems } from "@/scripts/i18n/literal-problems";

describe("the catalog check", () => {
  const en = {
    vm: { title: "VMs", count: "{count, plural, one {# VM} other {# VMs}}", hi: "Hi <b>{name}</b>" },
  };

  it("passes catalogs with the same keys and variables", () => {
    const fr = {
      vm: { title: "VM", count: "{count, plural, one {# VM} other {# VM}}", hi: "Salut <b>{name}</b>" },
    };
    expect(catalogProblems({ en, fr })).toEqual([]);
  });

  it("names missing and extra keys, empty and broken messages, and other variables", () => {
    const de = {
      vm: { title: "", count: "{count, plural, one {# VM}", hi: "Hallo {nom}" },
      extra: { x: "x" },
    };
    const fr = { vm: { title: "VM", hi: "Salut <b>{name}</b>" } };
    const problems = catalogProblems({ en, de, fr });
    expect(problems).toContain("fr: missing vm.count");
    expect(problems).toContain("de: extra.x is not in en");
    expect(problems).toContain("de: vm.title is empty");
    expect(problems.some((problem) => problem.startsWith("de: vm.count is not valid ICU"))).toBe(true);
    expect(problems).toContain("de: vm.hi uses other variables than en (<b>, name, nom)");
  });
});

describe("the literal check", () => {
  const found = (source: string) => literalProblems(source, "page.tsx").map((problem) => problem.text);

  it("finds words in JSX text, text attributes, shown expressions, text properties and toasts", () => {
    const source = [
      'import { toast } from "sonner";',
      "export function Page({ on }: { on: boolean }) {",
      '  const columns = [{ key: "name", label: "Name" }];',
      '  const save = () => toast.success("Saved.");',
      "  return (",
      '    <div className="flex" data-testid="page" title="Your VMs">',
      "      Hello there",
      '      {on ? "Running" : "Stopped"}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a component under test
      "      {`${columns.length} columns`}",
      '      <input placeholder="Search" aria-label={on ? "Filter on" : "Filter"} type="text" />',
      "    </div>",
      "  );",
      "}",
    ].join("\n");
    expect(found(source)).toEqual([
      "Name",
      "Saved.",
      "Your VMs",
      "Hello there",
      "Running",
      "Stopped",
      "… columns",
      "Search",
      "Filter on",
      "Filter",
    ]);
    expect(literalProblems(source, "page.tsx").find((problem) => problem.text === "Hello there")?.line).toBe(
      7,
    );
  });

  it("leaves translated text, machine strings, symbols and marked lines alone", () => {
    const source = [
      "export function Page({ t }: { t: (key: string) => string }) {",
      "  return (",
      '    <a href="/vms" className="text-sm" id="x" data-state="open" title={t("title")}>',
      '      {t("hello")} · — {42} %',
      "      {/* i18n-ignore: a brand */}",
      "      Proxmox VE",
      "    </a>",
      "  );",
      "}",
    ].join("\n");
    expect(found(source)).toEqual([]);
  });
});

describe("the direction check", () => {
  it("names utilities that point left or right, with their logical twins, and leaves others alone", async () => {
    const { physicalClasses } = await import("@/scripts/i18n/physical-classes");
    const source = [
      '<th className="text-right pl-4 mr-auto">',
      '<div className={cn("ms-2 pe-3 text-start border-s", on && "-ml-1 rounded-r-md")}>',
      '<p className="border-left-color">',
      "// i18n-ignore: centred both ways",
      '<span className="left-1/2 -translate-x-1/2" />',
    ].join("\n");
    expect(physicalClasses(source).map(({ line, found, use }) => `${line} ${found} ${use}`)).toEqual([
      "1 text-right text-end",
      "1 pl-4 ps-4",
      "1 mr-auto me-auto",
      "2 -ml-1 -ms-1",
      "2 rounded-r-md rounded-e-md",
    ]);
  });
});
