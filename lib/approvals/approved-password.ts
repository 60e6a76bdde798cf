import "server-only";
import { getApprovalRequest, takeSealedPassword } from "@/db/queries/approvals";
import { getTemplateById } from "@/db/queries/templates";
import { getConfig } from "@/lib/config";
import { openSecret } from "@/lib/crypto/secret-box";
import { secretKeyFor } from "@/lib/crypto/secret-key";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { passwordContext } from "./decide-request";
import { askedOf } from "./requested-things";

/**
 * The one-time password of the VM an approved request made, for its requester, once: as the create form
 * shows it after a create, but later, since the requester was not there when it was approved.
 */
export async function revealApprovedPassword(
  requesterId: string,
  requestId: string,
): Promise<{ vmId: string; user: string; password: string }> {
  const request = await getApprovalRequest({ id: requestId });
  if (!request || request.requesterId !== requesterId || !request.vmId)
    throw notFound(message("errors.approvals.noSuchVmRequest"));
  const sealed = await takeSealedPassword({ id: requestId, requesterId });
  if (!sealed) throw notFound(message("errors.approvals.passwordShown"));
  const asked = askedOf(request);
  const template = asked.kind === "vm" ? await getTemplateById({ id: asked.vm.templateId }) : null;
  return {
    vmId: request.vmId,
    user: template?.defaultUser ?? "the template's user",
    password: openSecret(secretKeyFor(getConfig()), sealed, passwordContext(requestId)),
  };
}
