import { Inbox } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listPendingRequests, listRequestsOfRequester } from "@/db/queries/approvals";
import { listProjectsOfUser } from "@/db/queries/projects";
import { requestNumbers } from "@/lib/approvals/request-numbers";
import { getCurrentUser } from "@/lib/authz/current-user";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { approveProjectRequestAction, denyProjectRequestAction } from "./actions";
import { DecisionForm } from "./decision-form";
import { QuotaRequestForm } from "./quota-request-form";
import { CancelRequestButton, RevealPasswordButton } from "./request-buttons";
import { RequestCard } from "./request-list";

export async function generateMetadata() {
  const t = await getTranslations("requests.page");
  return { title: t("title") };
}

export default async function RequestsPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const [mine, status, memberships, t] = await Promise.all([
    listRequestsOfRequester({ requesterId: user.id }),
    getQuotaStatus(userAccount(user.id)),
    listProjectsOfUser({ userId: user.id }),
    getTranslations("requests.page"),
  ]);
  const creatable = memberships
    .filter((membership) => membership.role !== "viewer")
    .map(({ project }) => ({ id: project.id, name: project.name }));
  const owned = memberships.filter((membership) => membership.role === "owner").map(({ project }) => project);
  const toDecide = (await listPendingRequests({ projectIds: owned.map((project) => project.id) })).filter(
    (request) => request.requesterId !== user.id,
  );
  const numbers = await Promise.all(toDecide.map(requestNumbers));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {toDecide.length > 0 && (
        <section className="grid gap-3" aria-label={t("toDecide")}>
          <h2 className="text-lg font-semibold">{t("toDecide")}</h2>
          {toDecide.map((request, index) => (
            <RequestCard key={request.id} request={request} numbers={numbers[index]} showRequester>
              <DecisionForm
                requestId={request.id}
                approve={approveProjectRequestAction}
                deny={denyProjectRequestAction}
              />
            </RequestCard>
          ))}
        </section>
      )}
      <section className="grid gap-3" aria-label={t("mine")}>
        <h2 className="text-lg font-semibold">{t("mine")}</h2>
        {mine.length === 0 ? (
          <EmptyState icon={Inbox} title={t("emptyTitle")}>
            {t("empty")}
          </EmptyState>
        ) : (
          mine.map((request) => (
            <RequestCard key={request.id} request={request}>
              {request.state === "pending" && <CancelRequestButton requestId={request.id} />}
              {request.vmId && (
                <Link href={`/vms/${request.vmId}`} className="w-fit underline">
                  {t("goToVm")}
                </Link>
              )}
              {request.vmId && typeof request.payload.sealedPassword === "string" && (
                <RevealPasswordButton requestId={request.id} />
              )}
            </RequestCard>
          ))
        )}
      </section>
      <Card>
        <CardHeader>
          <CardTitle>{t("askQuotaTitle")}</CardTitle>
          <CardDescription>{t("askQuotaDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <QuotaRequestForm current={status.quota} projects={creatable} />
        </CardContent>
      </Card>
    </>
  );
}
