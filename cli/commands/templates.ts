import type { Command } from "commander";
import { allPages } from "../all-pages";
import { answerOf, type RoostClient } from "../api-client";
import type { components } from "../api-types";
import { CliError } from "../cli-error";
import { table } from "../output";
import { UUID } from "../resolve-vm";
import { sessionFor } from "../session";

type Template = components["schemas"]["Template"];

function listAllTemplates(client: RoostClient): Promise<Template[]> {
  return allPages((cursor) =>
    answerOf(client.GET("/templates", { params: { query: { limit: 200, cursor } } })),
  );
}

/** The template a person names: its id as is, else the one whose label it is (any case). */
export async function resolveTemplateId(client: RoostClient, labelOrId: string): Promise<string> {
  if (UUID.test(labelOrId)) return labelOrId.toLowerCase();
  const templates = await listAllTemplates(client);
  const named = templates.filter((template) => template.label.toLowerCase() === labelOrId.toLowerCase());
  if (named.length === 1) return named[0]!.id;
  const choices = templates.map((template) => `"${template.label}"`).join(", ") || "none";
  if (named.length > 1)
    throw new CliError(
      `Several templates are labelled "${labelOrId}"; name one by its id (roost templates list).`,
    );
  throw new CliError(`There is no template "${labelOrId}"; yours to choose from: ${choices}.`);
}

export function addTemplateCommands(program: Command): void {
  program
    .command("templates")
    .description("the templates you may create VMs from")
    .command("list")
    .description("list them")
    .action(async (_options, command: Command) => {
      const { client, out } = await sessionFor(command);
      const templates = await listAllTemplates(client);
      out.result(
        templates,
        templates.length === 0
          ? "No templates are offered yet; an admin approves them."
          : table(
              ["LABEL", "OS", "USER", "MIN DISK", "ID"],
              templates.map((template) => [
                template.label,
                template.os,
                template.defaultUser,
                `${template.minDiskGb} GiB`,
                template.id,
              ]),
            ),
      );
    });
}
