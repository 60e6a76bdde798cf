"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { message } from "@/lib/i18n/message";
import { changePool, createPool, removePool } from "@/lib/ipam/manage-pools";
import { poolDefinitionSchema } from "@/lib/ipam/pool-definition";

const savePoolInput = z.object({ id: z.uuid().optional(), pool: poolDefinitionSchema });

export const savePoolAction = validatedAction(
  { name: "ipam.pool.save", permission: "admin:write", input: savePoolInput },
  async ({ id, pool }, { audit }) => {
    const saved = await (id ? changePool(id, pool) : createPool(pool));
    await audit({ action: "ipam.pool.save", target: { type: "ip-pool", id: saved.id }, detail: { pool } });
    revalidatePath("/admin/ip-pools");
    return { id: saved.id };
  },
);

export const deletePoolAction = validatedAction(
  {
    name: "ipam.pool.delete",
    permission: "admin:write",
    input: z.object({ id: z.uuid(message("adminIpPools.errors.pickPool")) }),
  },
  async ({ id }, { audit }) => {
    const removed = await removePool(id);
    await audit({
      action: "ipam.pool.delete",
      target: { type: "ip-pool", id },
      detail: { cidr: removed.cidr, domain: removed.domain },
    });
    revalidatePath("/admin/ip-pools");
    return { id };
  },
);
