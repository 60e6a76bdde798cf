import { Inbox } from "lucide-react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { listDecidedRequests, listPendingRequests } from "@/db/queries/approvals";
import { requestNumbers } from "@/lib/approvals/request-numbers";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getSetting } from "@/lib/settings/settings";
import { DecisionForm } from "../../requests/decision-form";
import { RequestCard } from "../../requests/request-list";
import { approveRequestAction, denyRequestAction } from "./actions";
import { SecondApproverSwitch } from "./second-approver-switch";

export async function generateMetadata() {
  const t = await getTranslations("adminRequests");
  return { title: t("title") };
}

export default async function AdminRequestsPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const t = await getTranslations("adminRequests");
  const canChange = can(viewer.role, "admin:write");
  const [pending, decided, second] = await Promise.all([
    listPendingRequests({ projectIds: "all" }),
    listDecidedRequests({ limit: 20 }),
    getSetting("approvals.second"),
  ]);
  const numbers = await Promise.all(pending.map(requestNumbers));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SecondApproverSwitch initial={second} canChange={canChange} />
      <section className="grid gap-3" aria-label={t("pending")}>
        <h2 className="text-lg font-semibold">{t("pending")}</h2>
        {pending.length === 0 ? (
          <EmptyState icon={Inbox} title={t("empty.title")}>
            {t("empty.body")}
          </EmptyState>
        ) : (
          pending.map((request, index) => (
            <RequestCard key={request.id} request={request} numbers={numbers[index]} showRequester>
              <DecisionForm
                requestId={request.id}
                approve={approveRequestAction}
                deny={denyRequestAction}
                disabled={!canChange || request.requesterId === viewer.id}
              />
            </RequestCard>
          ))
        )}
      </section>
      {decided.length > 0 && (
        <section className="grid gap-3" aria-label={t("decided")}>
          <h2 className="text-lg font-semibold">{t("decided")}</h2>
          {decided.map((request) => (
            <RequestCard key={request.id} request={request} showRequester />
          ))}
        </section>
      )}
    </>
  );
}
