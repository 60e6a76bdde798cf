import "server-only";
import { getClusterById, insertCluster, updateCluster } from "@/db/queries/clusters";
import { getConfig } from "@/lib/config";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { log } from "@/lib/log";
import { forgetProxmoxClient } from "./client-registry";
import { type ClusterSettings, clusterIdFrom, tlsModeOf } from "./cluster-settings";
import { ENV_CLUSTER_ID } from "./configured-cluster";
import { setNodeConcurrency } from "./node-concurrency";
import { sealTokenSecret } from "./stored-cluster";

export const envClusterMessage = message("errors.clusters.fromEnvironment");

/** The settings worth an audit entry: everything except the secret, which only says whether it changed. */
export function auditedSettings(settings: ClusterSettings, secretReplaced: boolean) {
  return {
    name: settings.name,
    apiUrls: settings.apiUrls,
    tokenId: settings.tokenId,
    tls: tlsModeOf(settings),
    fingerprint: settings.fingerprint,
    nodeConcurrency: settings.nodeConcurrency,
    secretReplaced,
  };
}

/** A missing ROOST_SECRET_KEY is the operator's to fix; the admin is told so instead of "something went wrong". */
function seal(clusterId: string, secret: string): string {
  try {
    return sealTokenSecret(getConfig(), clusterId, secret);
  } catch (error) {
    if (error instanceof SecretBoxError) throw conflict(error.message);
    throw error;
  }
}

export async function createCluster(settings: ClusterSettings): Promise<{ id: string }> {
  if (!settings.tokenSecret) throw invalid(message("errors.clusters.secretMissing"), "tokenSecret");
  const base = clusterIdFrom(settings.name);
  for (let attempt = 1; attempt <= 20; attempt++) {
    const id = attempt === 1 && base !== ENV_CLUSTER_ID ? base : `${base}-${attempt}`;
    const { tokenSecret, nodeConcurrency, ...rest } = settings;
    const row = await insertCluster({
      id,
      ...rest,
      tokenSecretEncrypted: seal(id, tokenSecret),
    });
    if (row) {
      await setNodeConcurrency(id, nodeConcurrency, null);
      log.info({ clusterId: id, apiUrls: rest.apiUrls }, "cluster added");
      return { id };
    }
  }
  throw conflict(message("errors.clusters.nameTaken"));
}

/** Saves new settings; the stored secret stays unless a new one was typed. */
export async function updateClusterSettings(
  id: string,
  settings: ClusterSettings,
): Promise<{ id: string; secretReplaced: boolean }> {
  if (id === ENV_CLUSTER_ID) throw conflict(envClusterMessage);
  const existing = await getClusterById({ id });
  if (!existing) throw notFound(message("errors.clusters.noSuchCluster"));
  const { tokenSecret, nodeConcurrency, ...rest } = settings;
  // Before the row: other portal processes rebuild their client when its updatedAt moves, and read this.
  await setNodeConcurrency(id, nodeConcurrency, null);
  await updateCluster({
    id,
    ...rest,
    ...(tokenSecret ? { tokenSecretEncrypted: seal(id, tokenSecret) } : {}),
  });
  forgetProxmoxClient(id);
  log.info(
    { clusterId: id, secretReplaced: Boolean(tokenSecret) },
    "cluster settings changed; its client is rebuilt",
  );
  return { id, secretReplaced: Boolean(tokenSecret) };
}
