import type { Command } from "commander";
import { answerOf } from "../api-client";
import { sessionFor } from "../session";

export function addWhoamiCommand(program: Command): void {
  program
    .command("whoami")
    .description("who the token belongs to, and what it may do")
    .action(async (_options, command: Command) => {
      const { client, config, out } = await sessionFor(command);
      const me = await answerOf(client.GET("/me"));
      const { user, token } = me;
      out.result({ url: config.url, ...me }, [
        `${user.name ?? user.username ?? user.email ?? user.id} (${user.username ?? "no username"}, ${user.role}) on ${config.url}`,
        `token ${token.name} (${token.prefix}…): ${token.scopes.join(", ") || "no usable scope"}; ${token.expiresAt ? `expires ${token.expiresAt}` : "does not expire"}`,
      ]);
    });
}
