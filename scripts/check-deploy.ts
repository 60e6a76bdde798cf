import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Deployment } from "kubernetes-models/apps/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Secret, Service } from "kubernetes-models/v1";
import { parseAllDocuments } from "yaml";

/**
 * Checks the deployment files: docker-compose.yml against the Compose specification's schema (dclint),
 * and every Kubernetes manifest under deploy/kubernetes/ against the Kubernetes API's schemas.
 */
const root = path.resolve(import.meta.dirname, "..");
const kubernetes = path.join(root, "deploy/kubernetes");

const models: Record<string, new (data: never) => { validate(): void }> = {
  "apps/v1 Deployment": Deployment,
  "networking.k8s.io/v1 Ingress": Ingress,
  "policy/v1 PodDisruptionBudget": PodDisruptionBudget,
  "v1 ConfigMap": ConfigMap,
  "v1 Namespace": Namespace,
  "v1 Secret": Secret,
  "v1 Service": Service,
};

const problems: string[] = [];

const compose = spawnSync(
  path.join(root, "node_modules/.bin/dclint"),
  ["--config", "deploy/compose/dclint.json", "--max-warnings", "0", "docker-compose.yml"],
  { cwd: root, encoding: "utf8" },
);
if (compose.status !== 0) problems.push(`docker-compose.yml:\n${compose.stdout}${compose.stderr}`);

function documents(file: string) {
  const parsed = parseAllDocuments(readFileSync(path.join(kubernetes, file), "utf8"));
  return parsed.flatMap((document) => {
    if (document.errors.length > 0) {
      problems.push(`${file}: ${document.errors.map((error) => error.message).join("; ")}`);
      return [];
    }
    const value = document.toJS() as { apiVersion?: string; kind?: string } | null;
    return value ? [value] : [];
  });
}

const [kustomization] = documents("kustomization.yaml") as { resources?: string[] }[];
const files = [...(kustomization?.resources ?? []), "secret.example.yaml"];
let checked = 0;
for (const file of files) {
  for (const manifest of documents(file)) {
    const type = `${manifest.apiVersion} ${manifest.kind}`;
    const Model = models[type];
    if (!Model) {
      problems.push(`${file}: ${type} is not a kind this check knows`);
      continue;
    }
    try {
      new Model(manifest as never).validate();
      checked++;
    } catch (error) {
      problems.push(`${file}: ${type}: ${(error as Error).message}`);
    }
  }
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`docker-compose.yml follows the Compose specification; ${checked} Kubernetes objects are valid`);
