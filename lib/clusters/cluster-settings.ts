import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { clusterConfigSchema } from "@/lib/proxmox/cluster-config";
import { DEFAULT_NODE_CONCURRENCY } from "@/lib/proxmox/node-lanes";
import { displayText } from "@/lib/text/display-text";

export const tlsModes = ["fingerprint", "ca", "system", "insecure"] as const;
export type TlsMode = (typeof tlsModes)[number];

/**
 * What an admin enters for a cluster. An empty token secret means "keep the stored one" when editing,
 * and is refused when adding. The form sends the fingerprint or the CA only with the choice that uses it.
 */
const fingerprint = clusterConfigSchema.shape.fingerprint.unwrap();
const caPem = clusterConfigSchema.shape.caPem.unwrap();

export const clusterSettingsFields = z.object({
  name: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.clusters.giveClusterName"))
      .max(80, message("validation.clusters.keepNameUnder")),
  ),
  apiUrls: z
    .array(z.string().trim())
    .transform((urls) => urls.filter(Boolean))
    .pipe(clusterConfigSchema.shape.apiUrls),
  tokenId: z.string().trim().pipe(clusterConfigSchema.shape.tokenId),
  tokenSecret: z.string().trim().default(""),
  tls: z.enum(tlsModes, { message: message("validation.clusters.chooseHowCheck") }),
  fingerprint: z
    .string()
    .trim()
    .default("")
    .pipe(
      z.union([z.literal(""), fingerprint], { message: message("validation.clusters.shaFingerprintHas") }),
    ),
  caPem: z
    .string()
    .trim()
    .default("")
    .pipe(z.union([z.literal(""), caPem], { message: message("validation.clusters.pasteCaCertificate") })),
  nodeConcurrency: z.coerce
    .number({ message: message("validation.clusters.giveWholeNumber") })
    .int(message("validation.clusters.giveWholeNumber"))
    .min(1, message("validation.clusters.leastWithNone"))
    .max(32, message("validation.clusters.concurrencyMax"))
    .default(DEFAULT_NODE_CONCURRENCY),
});

/** Checks that the TLS choice has what it needs, and keeps only what that choice uses. */
export function toClusterSettings(
  settings: z.output<typeof clusterSettingsFields>,
  context: z.RefinementCtx,
) {
  if (settings.tls === "fingerprint" && !settings.fingerprint)
    context.addIssue({
      code: "custom",
      path: ["fingerprint"],
      message: message("validation.clusters.giveCertificateSha"),
    });
  if (settings.tls === "ca" && !settings.caPem)
    context.addIssue({
      code: "custom",
      path: ["caPem"],
      message: message("validation.clusters.pasteCaCertificate"),
    });
  return {
    name: settings.name,
    apiUrls: settings.apiUrls,
    tokenId: settings.tokenId,
    tokenSecret: settings.tokenSecret,
    fingerprint: settings.tls === "fingerprint" ? settings.fingerprint : null,
    caPem: settings.tls === "ca" ? settings.caPem : null,
    insecure: settings.tls === "insecure",
    nodeConcurrency: settings.nodeConcurrency,
  };
}

export const clusterSettingsSchema = clusterSettingsFields.transform(toClusterSettings);

/**
 * The cluster form's fields: the API URLs are typed one per line. What it parses to is what the cluster
 * actions take, checked by the same rules.
 */
export const clusterFormSchema = clusterSettingsFields
  .extend({
    apiUrls: z
      .string()
      .transform((text) => text.split(/\s+/))
      .pipe(clusterSettingsFields.shape.apiUrls),
  })
  .superRefine((fields, context) => {
    toClusterSettings(fields, context);
  });

export type ClusterFormValues = z.input<typeof clusterFormSchema>;
export type ClusterFormOutput = z.output<typeof clusterFormSchema>;

export type ClusterSettingsInput = z.input<typeof clusterSettingsSchema>;
export type ClusterSettings = z.output<typeof clusterSettingsSchema>;

export function tlsModeOf(cluster: {
  fingerprint: string | null;
  caPem: string | null;
  insecure: boolean;
}): TlsMode {
  if (cluster.insecure) return "insecure";
  if (cluster.fingerprint) return "fingerprint";
  if (cluster.caPem) return "ca";
  return "system";
}

/** A readable id from the name, for URLs and VM records: "Lab West" → "lab-west". */
export function clusterIdFrom(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return slug || "cluster";
}
