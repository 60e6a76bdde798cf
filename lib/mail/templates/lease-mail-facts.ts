import type { Translator } from "@/lib/i18n/translator";

/** What every mail about one VM's lease knows. */
export interface LeaseMailFacts {
  portalName: string;
  vmName: string;
  /** The VM's page in the portal. */
  vmUrl: string;
  expiresAt: Date;
  graceDays: number;
}

export const vmLink = (facts: LeaseMailFacts, t: Translator) => ({
  label: t("mail.layout.vmLink", { vm: facts.vmName, portal: facts.portalName }),
  url: facts.vmUrl,
});
