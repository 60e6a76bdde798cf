import "server-only";
import type { Executor } from "@/db/client";
import { readSettingRow, writeSettingRow } from "@/db/queries/settings";
import { log } from "@/lib/log";
import { type SettingKey, type SettingValue, settingDefinitions } from "./registry";

/** A setting's stored value, or its default when unset or no longer valid (logged, never thrown). */
export async function getSetting<K extends SettingKey>(key: K, db?: Executor): Promise<SettingValue<K>> {
  const definition = settingDefinitions[key];
  const stored = await readSettingRow({ key }, db);
  if (stored === null) return definition.defaultValue as SettingValue<K>;
  const parsed = definition.schema.safeParse(stored);
  if (parsed.success) return parsed.data as SettingValue<K>;
  log.warn({ key }, "stored setting is not valid any more; using its default");
  return definition.defaultValue as SettingValue<K>;
}

export async function setSetting<K extends SettingKey>(
  key: K,
  value: SettingValue<K>,
  updatedBy: string | null,
): Promise<SettingValue<K>> {
  const parsed = settingDefinitions[key].schema.parse(value) as SettingValue<K>;
  await writeSettingRow({ key, value: parsed, updatedBy });
  return parsed;
}
