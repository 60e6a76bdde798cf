import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** podman, with the storage and settings scripts/images/common.sh exported. */
export async function podman(...args: string[]): Promise<string> {
  const { stdout } = await exec("podman", args, { maxBuffer: 32 << 20 });
  return stdout;
}

export function imageFrom(variable: "ROOST_PORTAL_IMAGE" | "ROOST_RELAY_IMAGE"): string {
  const image = process.env[variable];
  if (!image) throw new Error(`${variable} is not set: run these tests with scripts/images/ci.sh`);
  return image;
}

export interface ContainerStart {
  env?: Record<string, string>;
  /** A read-only root filesystem with only /tmp writable (and /data, the image's volume). */
  readOnly?: boolean;
  /** `name:/path` volumes, as `docker run -v` takes them. */
  volumes?: string[];
}

export interface Container {
  name: string;
  logs(): Promise<string>;
  /** What the container changed in its image's filesystem (volumes and tmpfs mounts are not part of it). */
  diff(): Promise<string[]>;
  exec(...command: string[]): Promise<string>;
  stop(): Promise<void>;
}

// Podman itself mounts these into every container; they show in `podman diff` whatever the image does.
const runtimeMounts = new Set([
  "/etc",
  "/etc/hosts",
  "/etc/hostname",
  "/etc/resolv.conf",
  "/run",
  "/run/.containerenv",
]);

/** Runs an image as `docker run` would, on the host's network (no container network is set up here). */
export async function startContainer(image: string, start: ContainerStart = {}): Promise<Container> {
  const name = `roost-test-${randomBytes(4).toString("hex")}`;
  const args = ["run", "--detach", "--name", name, "--network", "host"];
  // Podman's --read-only leaves /run and /var/tmp writable too; docker's leaves nothing: be as strict.
  if (start.readOnly) args.push("--read-only", "--read-only-tmpfs=false", "--tmpfs", "/tmp");
  for (const volume of start.volumes ?? []) args.push("--volume", volume);
  for (const [key, value] of Object.entries(start.env ?? {})) args.push("--env", `${key}=${value}`);
  await podman(...args, image);
  return {
    name,
    logs: async () => {
      const { stdout, stderr } = await exec("podman", ["logs", name], { maxBuffer: 32 << 20 });
      return stdout + stderr;
    },
    diff: async () =>
      (await podman("diff", name)).split("\n").filter((line) => line && !runtimeMounts.has(line.slice(2))),
    exec: (...command) => podman("exec", name, ...command),
    stop: async () => {
      await podman("rm", "--force", "--time", "5", "--volumes", name).catch(() => "");
    },
  };
}

/** Waits until `url` answers 200, failing early with the container's output if it exits. */
export async function waitUntilServing(container: Container, url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => null);
    if (response?.ok) return;
    const state = await podman("inspect", "--format", "{{.State.Status}}", container.name).catch(
      () => "gone",
    );
    if (!state.includes("running"))
      throw new Error(`${container.name} is ${state.trim()}:\n${(await container.logs()).slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer in time:\n${(await container.logs()).slice(-4000)}`);
}
