import type { Command } from "commander";
import { createRoostClient, type RoostClient } from "./api-client";
import { loadConfig, type RoostConfig } from "./config";
import { Output } from "./output";

export interface Session {
  client: RoostClient;
  config: RoostConfig;
  out: Output;
}

export function outputFor(command: Command): Output {
  return new Output(Boolean(command.optsWithGlobals().json));
}

/** The signed-in client for a command, with its output. */
export async function sessionFor(command: Command): Promise<Session> {
  const config = await loadConfig();
  return { client: createRoostClient(config), config, out: outputFor(command) };
}
