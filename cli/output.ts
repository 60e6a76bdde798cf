/**
 * What a command prints: with --json one JSON document on stdout and nothing else there; otherwise lines
 * for people. Progress goes to stdout for people and is left out for scripts.
 */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
  ) {}

  /** The command's result: `data` as JSON for scripts, `human` (lines) for people. */
  result(data: unknown, human: string | string[]): void {
    if (this.json) this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else {
      const lines = Array.isArray(human) ? human : [human];
      if (lines.length) this.stdout.write(`${lines.join("\n")}\n`);
    }
  }

  /** A line of progress while the command waits; scripts get only the result. */
  progress(line: string): void {
    if (!this.json) this.stdout.write(`${line}\n`);
  }
}

/** Rows as columns padded to their widest cell, headings first. */
export function table(headings: string[], rows: string[][]): string[] {
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(headings), ...rows.map(line)];
}
