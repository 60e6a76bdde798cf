import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError, invalid } from "@/lib/errors";
import { messagesFor } from "@/lib/i18n/catalogs";
import { byAnyKey, message, messageList, parseMessage, renderMessage, sentences } from "@/lib/i18n/message";
import { englishTranslator, translatorFor } from "@/lib/i18n/translator";

const french = byAnyKey(translatorFor("fr"));

describe("catalog tokens", () => {
  it("carry their values, Dates included, through the string", () => {
    const until = new Date("2026-12-08T12:00:00Z");
    expect(parseMessage(message("timeline.leaseRenewed", { until }))).toEqual({
      key: "timeline.leaseRenewed",
      values: { until },
    });
    expect(parseMessage(message("errors.vm.nameTaken", { owner: "ada", name: "web-1" }))).toEqual({
      key: "errors.vm.nameTaken",
      values: { owner: "ada", name: "web-1" },
    });
    expect(renderMessage(message("timeline.leaseReminded", { days: 1 }), englishTranslator())).toBe(
      "Lease reminder sent: 1 day left",
    );
  });

  it("render values that are messages, lists of them and sentences said together, in one language", () => {
    const problems = messageList([
      message("errors.cohorts.roster.onePerLine", { line: 2 }),
      message("errors.cohorts.roster.duplicate", { line: 3, value: "ALICE", earlier: 1 }),
    ]);
    const refusal = message("errors.cohorts.rosterMistakes", { problems });
    expect(renderMessage(refusal, englishTranslator())).toBe(
      "The roster has mistakes: line 2: one student per line, a username or an e-mail address, nothing else; line 3: ALICE is already on line 1.",
    );
    expect(renderMessage(refusal, french)).toMatch(
      /^.*ligne 2 : un étudiant par ligne.*; ligne 3 : ALICE figure déjà/,
    );
    const two = sentences([message("errors.quota.noSuchUser"), "Proxmox said no."]);
    expect(renderMessage(two, englishTranslator())).toBe("That user does not exist. Proxmox said no.");
  });

  it("show the key of a message the catalog lacks, and pass plain text through", () => {
    expect(renderMessage(message("errors.nothing.likeThis"), englishTranslator())).toBe(
      "errors.nothing.likeThis",
    );
    expect(renderMessage("Proxmox said no", englishTranslator())).toBe("Proxmox said no");
  });

  it("make a domain error English for logs and the API, and the reader's language when localized", () => {
    const error = invalid(message("errors.vm.confirmName", { name: "web-1" }), "confirmName");
    expect(error.message).toBe("Type the VM's name, web-1, to confirm.");
    expect(error.fieldErrors).toEqual({ confirmName: ["Type the VM's name, web-1, to confirm."] });
    expect(error.localized(french)).toEqual({
      message: "Saisissez le nom de la VM, web-1, pour confirmer.",
      fieldErrors: { confirmName: ["Saisissez le nom de la VM, web-1, pour confirmer."] },
    });
    const roster = new DomainError("invalid", message("errors.cohorts.rosterMistakes", { problems: "a; b" }));
    expect(roster.message).toBe("The roster has mistakes: a; b.");
  });
});

const libRoot = path.resolve(import.meta.dirname, "../../lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function hasKey(messages: unknown, key: string): boolean {
  let node = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

describe("the keys lib/ writes as tokens", () => {
  it("all exist in the English catalog", () => {
    const english = messagesFor("en");
    // Every literal that names a token key, also those chosen in a ternary or passed through a helper.
    const keys = sourceFiles(libRoot)
      .filter((file) => !file.endsWith(path.join("i18n", "message.ts")))
      .flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/"((?:errors|validation|timeline)\.[A-Za-z0-9_.-]+)"/g)].map(
          (match) => ({ file: path.relative(libRoot, file), key: match[1]! }),
        ),
      );
    expect(keys.length).toBeGreaterThan(200);
    expect(keys.filter(({ key }) => !hasKey(english, key))).toEqual([]);
  });
});
