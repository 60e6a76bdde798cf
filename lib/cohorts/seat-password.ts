import "server-only";
import { findSeatByVm, takeSeatPassword, updateSeat } from "@/db/queries/cohorts";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { getTemplateById } from "@/db/queries/templates";
import { getVmById } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { generatePassword } from "@/lib/crypto/generate-password";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { secretKeyFor } from "@/lib/crypto/secret-key";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { type GuestPassword, guestPassword, sealingRefusal } from "@/lib/vms/guest-password";

const sealContext = (seatId: string) => `seat-password:${seatId}`;

/**
 * A class VM's first password. Its student was not there when the batch made it, so it is kept sealed
 * (ROOST_SECRET_KEY) on the seat until the student asks for it once, as an approved request's password
 * is; without a key to seal with, nobody learns it and the student signs in with their SSH keys.
 * Returns the form the job carries to Proxmox (a hash for Linux).
 */
export async function firstSeatPassword(
  seat: { id: string; vmId: string },
  windows: boolean,
): Promise<GuestPassword> {
  const password = generatePassword();
  const sealed =
    sealingRefusal() === null ? sealSecret(secretKeyFor(getConfig()), password, sealContext(seat.id)) : null;
  await updateSeat({ id: seat.id, passwordSealed: sealed, passwordShownAt: null });
  return await guestPassword(seat.vmId, password, windows);
}

/** The public keys the student keeps in their profile, for the VM's cloud-init. */
export async function studentKeys(userId: string | null): Promise<string[]> {
  if (!userId) return [];
  return (await listSshKeys({ userId })).map((key) => key.publicKey);
}

export interface SeatSignIn {
  user: string;
  /** "waiting": the password can be shown once; "shown" when it was; "none": it was never kept. */
  password: "waiting" | "shown" | "none";
  shownAt: Date | null;
}

const defaultUserOf = async (vm: Vm | null): Promise<string> =>
  (vm?.templateId ? await getTemplateById({ id: vm.templateId }) : null)?.defaultUser ?? "";

/** How the student signs in to their class VM; null for anyone but the seat's student. */
export async function seatSignInFor(personId: string, vm: Vm): Promise<SeatSignIn | null> {
  if (!vm.cohortId) return null;
  const seat = await findSeatByVm({ vmId: vm.id });
  if (!seat || seat.userId !== personId) return null;
  return {
    user: await defaultUserOf(vm),
    password: seat.passwordSealed ? "waiting" : seat.passwordShownAt ? "shown" : "none",
    shownAt: seat.passwordShownAt,
  };
}

/** The class VM's first password, for its student, once; the portal then keeps no copy. */
export async function revealSeatPassword(
  personId: string,
  vmId: string,
  now = new Date(),
): Promise<{ user: string; password: string }> {
  const seat = await findSeatByVm({ vmId });
  if (!seat || seat.userId !== personId) throw notFound(message("errors.cohorts.noSuchSeatVm"));
  const sealed = await takeSeatPassword({ vmId, userId: personId, now });
  if (!sealed) throw notFound(message("errors.cohorts.passwordShown"));
  return {
    user: await defaultUserOf(await getVmById({ id: vmId })),
    password: openSecret(secretKeyFor(getConfig()), sealed, sealContext(seat.id)),
  };
}
