import { describe, expect, it } from "vitest";
import { seatVmName, slugFromName } from "@/lib/cohorts/cohort-inputs";
import { parseRosterCsv } from "@/lib/cohorts/roster-csv";

const problemsOf = (text: string): string[] => {
  try {
    parseRosterCsv(text);
    return [];
  } catch (error) {
    return (error as { fieldErrors: { roster: string[] } }).fieldErrors.roster;
  }
};

describe("a roster CSV", () => {
  it("reads one username or e-mail per line, after an optional header, skipping blank lines", () => {
    expect(parseRosterCsv('\uFEFFstudent\r\nalice\r\n\r\n"Bob@School.example"\r\n')).toEqual([
      { line: 2, username: "alice" },
      { line: 4, email: "bob@school.example" },
    ]);
  });

  it("names every bad line by its number", () => {
    expect(problemsOf("alice\nalice,bob\nALICE\nno one\ncarol@\n")).toEqual([
      "line 2: one student per line, a username or an e-mail address, nothing else",
      "line 3: ALICE is already on line 1",
      'line 4: "no one" is not a username or an e-mail address',
      'line 5: "carol@" is not an e-mail address',
    ]);
    expect(problemsOf("username\n\n")).toEqual(["The roster names nobody."]);
  });

  it("names VMs <slug>-<username> as a hostname allows", () => {
    expect(seatVmName("net101", "Jo.Smith_2")).toBe("net101-jo-smith-2");
    expect(seatVmName("net", "x".repeat(80))).toHaveLength(63);
    expect(slugFromName("Networks 101 (Autumn)")).toBe("networks-101-autumn");
    expect(slugFromName("101 Networks")).toBe("c-101-networks");
  });
});
