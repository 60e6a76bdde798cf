import { getDatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";

const handle = getDatabaseHandle();
try {
  await migrateDatabase(handle);
  console.log(`Migrations applied (${handle.driver}).`);
} finally {
  await handle.close();
}
