import type { ApprovalRequest } from "@/db/schema";
import { message } from "@/lib/i18n/message";
import { type Quota, quotaSchema } from "@/lib/quotas/quota";
import { type VmRequest, vmRequestSchema } from "@/lib/vms/vm-inputs";

/** What a request asks, read back from its payload (written by this module, so it parses). */
export type Asked = { kind: "vm"; vm: VmRequest } | { kind: "quota"; quota: Quota };

export function askedOf(request: Pick<ApprovalRequest, "kind" | "payload">): Asked {
  if (request.kind === "vm") return { kind: "vm", vm: vmRequestSchema.parse(request.payload) };
  return { kind: "quota", quota: quotaSchema.parse(request.payload) };
}

const gib = (mb: number) => (mb % 1024 === 0 ? `${mb / 1024} GiB` : `${mb} MiB`);

/**
 * The request in a few words (a catalog token): a phrase within a sentence ("bob asks for a VM …") or a
 * title on its own ("A VM …").
 */
export function describeAsked(asked: Asked, form: "phrase" | "title" = "phrase"): string {
  if (asked.kind === "vm") {
    const { name, cores, memoryMb, diskGb } = asked.vm;
    return message(`approvals.asked.${form}.vm`, { name, cores, memory: gib(memoryMb), diskGb });
  }
  const { vms, cores, memoryMb, diskGb } = asked.quota;
  return message(`approvals.asked.${form}.quota`, { vms, cores, memory: gib(memoryMb), diskGb });
}

/** What the request would add to the account's usage, in the quota's dimensions. */
export function usageAsked(asked: Asked): Partial<Quota> {
  if (asked.kind === "vm") {
    const { cores, memoryMb, diskGb } = asked.vm;
    return { vms: 1, cores, memoryMb, diskGb };
  }
  return asked.quota;
}
