import type { Command } from "commander";
import { createRoostClient } from "../api-client";
import { CliError, problemLine } from "../cli-error";
import { normalizePortalUrl, saveConfig } from "../config";
import { outputFor } from "../session";

async function readToken(option: string): Promise<string> {
  if (option !== "-") return option.trim();
  // `--token -` reads it from stdin, so it stays out of the shell's history.
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}

export function addLoginCommand(program: Command): void {
  program
    .command("login")
    .description("check a personal API token (from your profile page) and keep it for the next commands")
    .requiredOption("--url <portal>", "the portal's address, such as https://roost.example.org")
    .requiredOption("--token <token>", "the token (roost_…), or - to read it from stdin")
    .action(async (options: { url: string; token: string }, command: Command) => {
      const config = { url: normalizePortalUrl(options.url), token: await readToken(options.token) };
      if (!config.token.startsWith("roost_"))
        throw new CliError("A Roost API token starts with roost_; make one on your profile page.", 2);
      const { response, error } = await createRoostClient(config).GET("/me");
      // 403 is a valid token without a member scope (an admin-only token): still the right login.
      if (!response.ok && response.status !== 403) throw new CliError(problemLine(error, response));
      const file = await saveConfig(config);
      outputFor(command).result(
        { url: config.url, file },
        `Signed in to ${config.url}; the token is kept in ${file}.`,
      );
    });
}
