import { type TlsMode, tlsModeOf } from "@/lib/clusters/cluster-settings";

const labels: Record<TlsMode, string> = {
  fingerprint: "pinned certificate",
  ca: "private CA",
  system: "public CAs",
  insecure: "not checked",
};

export function tlsLabel(cluster: { fingerprint: string | null; caPem: string | null; insecure: boolean }) {
  return labels[tlsModeOf(cluster)];
}
