import { FlaskConical } from "lucide-react";

export function DemoBanner() {
  return (
    <div
      role="status"
      data-testid="demo-banner"
      className="flex items-center justify-center gap-2 bg-warning px-4 py-1.5 text-center text-xs text-warning-foreground sm:text-sm"
    >
      <FlaskConical className="size-4 shrink-0" aria-hidden />
      <span>
        Demo mode: sign-in uses built-in demo accounts and the cluster is simulated. Set OIDC_ISSUER to use
        your organisation&apos;s sign-in.
      </span>
    </div>
  );
}
