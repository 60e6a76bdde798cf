import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ListedApprovalRequest } from "@/db/queries/approvals";
import type { RequestNumber } from "@/lib/approvals/request-numbers";
import { askedOf, describeAsked } from "@/lib/approvals/requested-things";
import { displayName } from "@/lib/authz/display-name";
import { byAnyKey, renderMessage } from "@/lib/i18n/message";
import { RequestNumbers } from "./request-numbers";

const stateVariant = {
  pending: "secondary",
  approved: "default",
  denied: "destructive",
  cancelled: "outline",
} as const;

/** One request as both sides read it: what, against which quota, why, and what each approver said. */
export function RequestCard({
  request,
  numbers,
  showRequester = false,
  children,
}: {
  request: ListedApprovalRequest;
  numbers?: RequestNumber[];
  showRequester?: boolean;
  children?: React.ReactNode;
}) {
  const t = useTranslations("requests.card");
  const words = byAnyKey(useTranslations());
  const facts = [
    showRequester && displayName(request.requester),
    request.projectName ? t("againstProject", { name: request.projectName }) : t("againstPersonal"),
    t("asked", { date: request.createdAt }),
    request.approvalsRequired > 1 && t("needsApprovers", { count: request.approvalsRequired }),
  ].filter(Boolean);
  return (
    <Card data-testid={`request-${request.id}`}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          {renderMessage(describeAsked(askedOf(request), "title"), words)}
          <Badge variant={stateVariant[request.state]}>{t(`state.${request.state}`)}</Badge>
        </CardTitle>
        <CardDescription>{facts.join(" · ")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <p>
          <span className="text-muted-foreground">{t("reason")}</span> {request.reason}
        </p>
        {numbers && <RequestNumbers numbers={numbers} kind={request.kind} />}
        {request.decisions.length > 0 && (
          <ul className="grid gap-1">
            {request.decisions.map((decision) => (
              <li key={`${decision.by}-${decision.at}`}>
                {decision.comment
                  ? t(decision.verdict === "approve" ? "approvedWithComment" : "deniedWithComment", {
                      by: decision.byLabel,
                      comment: decision.comment,
                    })
                  : t(decision.verdict === "approve" ? "approved" : "denied", { by: decision.byLabel })}
              </li>
            ))}
          </ul>
        )}
        {children}
      </CardContent>
    </Card>
  );
}
