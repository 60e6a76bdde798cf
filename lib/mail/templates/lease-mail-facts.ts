/** What every mail about one VM's lease knows. */
export interface LeaseMailFacts {
  portalName: string;
  vmName: string;
  /** The VM's page in the portal. */
  vmUrl: string;
  expiresAt: Date;
  graceDays: number;
}

export const vmLink = (facts: LeaseMailFacts) => ({
  label: `${facts.vmName} in ${facts.portalName}`,
  url: facts.vmUrl,
});

export const ownerReason = "You get this because you own this VM";
