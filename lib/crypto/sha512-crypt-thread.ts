import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";
import { randomCryptSalt, sha512Crypt, sha512CryptWith } from "./sha512-crypt";

/**
 * SHA-512 crypt in a worker thread: 5,000 rounds take some 8 ms of CPU, which a class's batch of VMs would
 * otherwise take from the event loop that serves every page and job. The worker runs `sha512CryptWith`
 * from its source, so there is no worker file for a bundle to lose; should the thread fail, the hash is
 * made here instead.
 */
const workerSource = `
const { parentPort } = require("node:worker_threads");
const { hash } = require("node:crypto");
const __name = (fn) => fn;
const sha512CryptWith = ${sha512CryptWith.toString()};
const sha512 = (data) => hash("sha512", data, "buffer");
parentPort.on("message", ({ id, password, salt }) => {
  try {
    parentPort.postMessage({ id, hashed: sha512CryptWith(sha512, password, salt) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});`;

type Pending = { resolve: (hashed: string) => void; reject: (error: Error) => void };

let thread: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 0;
let failed = false;

function hashThread() {
  if (thread) return thread;
  const worker = new Worker(workerSource, { eval: true });
  const pending = new Map<number, Pending>();
  const current = { worker, pending };
  worker.on("message", ({ id, hashed, error }: { id: number; hashed?: string; error?: string }) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (hashed !== undefined) waiting?.resolve(hashed);
    else waiting?.reject(new Error(error ?? "no hash"));
  });
  const end = (error: Error) => {
    if (thread === current) thread = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on("error", end);
  worker.on("exit", () => end(new Error("the hashing thread exited")));
  worker.unref();
  thread = current;
  return current;
}

/** Where hashes are made now: "main" once the thread failed. */
export const hashingOn = (): "thread" | "main" => (failed ? "main" : "thread");

/** The `$6$` hash of the password, made off the event loop. */
export async function sha512CryptOffThread(password: string, salt = randomCryptSalt()): Promise<string> {
  if (failed) return sha512Crypt(password, salt);
  try {
    const { worker, pending } = hashThread();
    const id = nextId++;
    const hashed = new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, password, salt });
    return await hashed;
  } catch (error) {
    failed = true;
    log.warn({ err: error }, "the password hashing thread failed; hashing on the main thread from now");
    return sha512Crypt(password, salt);
  }
}
