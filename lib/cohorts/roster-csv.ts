import { DomainError, invalid } from "@/lib/errors";
import { message, messageList } from "@/lib/i18n/message";

/** One student a CSV names: by the username they sign in with, or by e-mail (invited if unknown). */
export type RosterEntry = { line: number; username: string } | { line: number; email: string };

const maxStudents = 500;
const usernamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
// Deliberately plain: one @, no spaces, a dot in the domain; the identity provider has the last word.
const emailPattern = /^[^\s@,;"]+@[^\s@,;"]+\.[^\s@,;"]+$/;
const headers = new Set(["username", "email", "e-mail", "student"]);

/**
 * Reads a roster: one student per line, a username or an e-mail address, optionally a header line
 * ("username", "email" or "student"). Blank lines are skipped. Anything else is refused with every bad
 * line's number, so the teacher can fix the file in one go.
 */
export function parseRosterCsv(text: string): RosterEntry[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const entries: RosterEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    const value = raw
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim();
    if (value === "") return;
    if (entries.length === 0 && problems.length === 0 && headers.has(value.toLowerCase())) return;
    const key = value.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(message("errors.cohorts.roster.duplicate", { line, value, earlier }));
      return;
    }
    seen.set(key, line);
    if (value.includes("@")) {
      if (emailPattern.test(value)) entries.push({ line, email: key });
      else problems.push(message("errors.cohorts.roster.notEmail", { line, value: value.slice(0, 80) }));
    } else if (usernamePattern.test(value)) entries.push({ line, username: value });
    else if (/[,;\t]/.test(value)) problems.push(message("errors.cohorts.roster.onePerLine", { line }));
    else problems.push(message("errors.cohorts.roster.notStudent", { line, value: value.slice(0, 80) }));
  });
  if (entries.length > maxStudents)
    problems.push(message("errors.cohorts.roster.tooMany", { max: maxStudents }));
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    const problemList = messageList(shown);
    const more = problems.length - shown.length;
    const text =
      more > 0
        ? message("errors.cohorts.rosterMistakesMore", { problems: problemList, more })
        : message("errors.cohorts.rosterMistakes", { problems: problemList });
    throw new DomainError("invalid", text, {
      fieldErrors: { roster: problems },
    });
  }
  if (entries.length === 0) throw invalid(message("errors.cohorts.rosterEmpty"), "roster");
  return entries;
}
