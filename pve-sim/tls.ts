import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";

export interface SimCertificate {
  key: string;
  cert: string;
  /** SHA-256 fingerprint as PVE's GUI shows it: AA:BB:… */
  fingerprint: string;
}

async function makeCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: "commonName", value: "pve-sim.local" }], {
    keySize: 2048,
    days: 3650,
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  } as Parameters<typeof generate>[1]);
  return { key: pems.private, cert: pems.cert };
}

/** A self-signed certificate made at first start and kept, as a fresh PVE node has. */
export async function loadOrCreateCertificate(dataDir: string | null): Promise<SimCertificate> {
  let pair: { key: string; cert: string };
  const keyFile = dataDir ? path.join(dataDir, "pve-ssl.key") : null;
  const certFile = dataDir ? path.join(dataDir, "pve-ssl.pem") : null;
  if (keyFile && certFile && existsSync(keyFile) && existsSync(certFile)) {
    pair = { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
  } else {
    pair = await makeCertificate();
    if (dataDir && keyFile && certFile) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(keyFile, pair.key, { mode: 0o600 });
      writeFileSync(certFile, pair.cert);
    }
  }
  return { ...pair, fingerprint: new X509Certificate(pair.cert).fingerprint256 };
}
