import { z } from "zod";

const tokenIdPattern = /^[^\s@!]+@[A-Za-z][A-Za-z0-9.\-_]*![A-Za-z][A-Za-z0-9.\-_]+$/;

export const clusterConfigSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, "Use lowercase letters, digits and hyphens for the cluster id."),
  name: z.string().trim().min(1, "Give the cluster a name."),
  apiUrls: z
    .array(
      z
        .url("Each API URL must be a URL like https://pve1.example.org:8006")
        .refine(
          (url) => url.startsWith("https://"),
          "Proxmox VE's API is served over HTTPS; use an https:// URL.",
        ),
    )
    .min(1, "Give at least one API URL."),
  tokenId: z
    .string()
    .regex(tokenIdPattern, "The token id looks like user@realm!tokenname, e.g. roost@pve!portal."),
  tokenSecret: z.string().min(1, "Paste the API token's secret."),
  fingerprint: z
    .string()
    .transform((value) => normalizeFingerprint(value))
    .refine(
      (value) => /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(value),
      "A SHA-256 fingerprint has 32 hex bytes.",
    )
    .optional(),
  caPem: z
    .string()
    .includes("BEGIN CERTIFICATE", { message: "Paste the CA certificate in PEM form." })
    .optional(),
  insecure: z.boolean().default(false),
});

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;
export type ClusterConfigInput = z.input<typeof clusterConfigSchema>;

/** Accepts AA:BB…, aabb… or with spaces, as PVE's GUI and openssl print it. */
export function normalizeFingerprint(value: string): string {
  const hex = value
    .replace(/^sha256\s*(fingerprint)?\s*=?/i, "")
    .replace(/[^0-9a-f]/gi, "")
    .toUpperCase();
  return hex.match(/.{1,2}/g)?.join(":") ?? "";
}
