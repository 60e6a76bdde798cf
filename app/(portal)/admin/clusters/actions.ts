"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getClusterById } from "@/db/queries/clusters";
import { validatedAction } from "@/lib/actions/validated-action";
import {
  clusterSettingsFields,
  clusterSettingsSchema,
  toClusterSettings,
} from "@/lib/clusters/cluster-settings";
import { ENV_CLUSTER_ID } from "@/lib/clusters/configured-cluster";
import { removeCluster } from "@/lib/clusters/remove-cluster";
import { auditedSettings, createCluster, updateClusterSettings } from "@/lib/clusters/save-cluster";
import { openTokenSecret } from "@/lib/clusters/stored-cluster";
import { testConnection } from "@/lib/clusters/test-connection";
import { getConfig } from "@/lib/config";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { conflict, invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

const clusterId = z.string().min(1, message("adminClusters.errors.pickCluster"));

export const createClusterAction = validatedAction(
  { name: "cluster.create", permission: "admin:write", input: clusterSettingsSchema },
  async (settings, { audit }) => {
    const { id } = await createCluster(settings);
    await audit({
      action: "cluster.create",
      target: { type: "cluster", id },
      detail: auditedSettings(settings, true),
    });
    revalidatePath("/admin/clusters");
    return { id };
  },
);

const updateInput = clusterSettingsFields
  .extend({ clusterId })
  .transform(({ clusterId, ...fields }, context) => ({
    clusterId,
    settings: toClusterSettings(fields, context),
  }));

export const updateClusterAction = validatedAction(
  { name: "cluster.update", permission: "admin:write", input: updateInput },
  async ({ clusterId, settings }, { audit }) => {
    const { secretReplaced } = await updateClusterSettings(clusterId, settings);
    await audit({
      action: "cluster.update",
      target: { type: "cluster", id: clusterId },
      detail: auditedSettings(settings, secretReplaced),
    });
    revalidatePath("/admin/clusters");
    revalidatePath(`/admin/clusters/${clusterId}`);
    return { id: clusterId, secretReplaced };
  },
);

export const removeClusterAction = validatedAction(
  { name: "cluster.remove", permission: "admin:write", input: z.object({ clusterId }) },
  async ({ clusterId }, { audit }) => {
    const removed = await removeCluster(clusterId);
    await audit({
      action: "cluster.remove",
      target: { type: "cluster", id: clusterId },
      detail: { name: removed.name },
    });
    revalidatePath("/admin/clusters");
    return { id: clusterId };
  },
);

const testInput = clusterSettingsFields
  .extend({ clusterId: z.string().default("") })
  .transform(({ clusterId, ...fields }, context) => ({
    clusterId,
    settings: toClusterSettings(fields, context),
  }));

/** Tries the form's settings; with the secret left empty, the cluster's stored secret is used. */
export const testClusterConnectionAction = validatedAction(
  { name: "cluster.test-connection", permission: "admin:write", input: testInput },
  async ({ clusterId, settings }, { audit }) => {
    const tokenSecret = settings.tokenSecret || (await storedSecret(clusterId));
    const result = await testConnection({
      ...settings,
      id: clusterId || "connection-test",
      tokenSecret,
      fingerprint: settings.fingerprint ?? undefined,
      caPem: settings.caPem ?? undefined,
    });
    await audit({
      action: "cluster.test-connection",
      target: clusterId ? { type: "cluster", id: clusterId } : undefined,
      detail: { apiUrls: settings.apiUrls, tokenId: settings.tokenId, reachable: result.reachable },
    });
    return result;
  },
);

async function storedSecret(clusterId: string): Promise<string> {
  const cluster = clusterId && clusterId !== ENV_CLUSTER_ID ? await getClusterById({ id: clusterId }) : null;
  if (!cluster?.tokenSecretEncrypted) throw invalid(message("adminClusters.errors.pasteSecret"));
  try {
    return openTokenSecret(getConfig(), cluster);
  } catch (error) {
    if (error instanceof SecretBoxError) throw conflict(error.message);
    throw error;
  }
}
