"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ActionError, validatedAction } from "@/lib/actions/validated-action";
import { changePool, createPool, PoolChangeError, removePool } from "@/lib/ipam/manage-pools";
import { poolDefinitionSchema } from "@/lib/ipam/pool-definition";

const savePoolInput = z.object({ id: z.uuid().optional(), pool: poolDefinitionSchema });

async function asActionError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof PoolChangeError) throw new ActionError(error.message, error.status);
    throw error;
  }
}

export const savePoolAction = validatedAction(
  { name: "ipam.pool.save", permission: "admin:write", input: savePoolInput },
  async ({ id, pool }, { audit }) => {
    const saved = await asActionError(id ? changePool(id, pool) : createPool(pool));
    await audit({ action: "ipam.pool.save", target: { type: "ip-pool", id: saved.id }, detail: { pool } });
    revalidatePath("/admin/ip-pools");
    return { id: saved.id };
  },
);

export const deletePoolAction = validatedAction(
  { name: "ipam.pool.delete", permission: "admin:write", input: z.object({ id: z.uuid("Pick a pool.") }) },
  async ({ id }, { audit }) => {
    const removed = await asActionError(removePool(id));
    await audit({
      action: "ipam.pool.delete",
      target: { type: "ip-pool", id },
      detail: { cidr: removed.cidr, domain: removed.domain },
    });
    revalidatePath("/admin/ip-pools");
    return { id };
  },
);
