import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getWebhookEndpoint, listWebhookDeliveries } from "@/db/queries/webhooks";
import type { WebhookDelivery } from "@/db/schema";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { EndpointControls } from "../endpoint-controls";

export async function generateMetadata() {
  const t = await getTranslations("adminWebhooks.endpoint");
  return { title: t("metaTitle") };
}

const statusBadge: Record<WebhookDelivery["status"], "default" | "secondary" | "destructive"> = {
  delivered: "default",
  pending: "secondary",
  failed: "destructive",
};

async function NextTry({ at }: { at: Date }) {
  const t = await getTranslations("adminWebhooks.endpoint.deliveries");
  return t.rich("nextTry", { time: () => <Time at={at} /> });
}

async function Attempts({ delivery }: { delivery: WebhookDelivery }) {
  const t = await getTranslations("adminWebhooks.endpoint");
  if (delivery.attempts.length === 0) return <span className="text-muted-foreground">{t("notTried")}</span>;
  return (
    <ol className="grid gap-1">
      {delivery.attempts.map((attempt, index) => (
        <li key={attempt.at} className="text-xs">
          <span className="text-muted-foreground">{index + 1}.</span>{" "}
          <Time at={new Date(attempt.at)} precision="second" />{" "}
          <span className="font-mono">{attempt.status ?? t("noAnswer")}</span>{" "}
          <span className="text-muted-foreground">{t("duration", { ms: attempt.durationMs })}</span>
          {attempt.error && <div className="break-all text-muted-foreground">{attempt.error}</div>}
        </li>
      ))}
    </ol>
  );
}

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const { endpointId } = await params;
  const endpoint = /^[0-9a-f-]{36}$/.test(endpointId) ? await getWebhookEndpoint({ id: endpointId }) : null;
  if (!endpoint) notFound();
  const [deliveries, t] = await Promise.all([
    listWebhookDeliveries({ endpointId: endpoint.id, limit: 100 }),
    getTranslations("adminWebhooks.endpoint"),
  ]);
  return (
    <>
      <PageHeader
        title={endpoint.description || t("fallbackTitle")}
        description={
          <>
            {t.rich(endpoint.disabledAt ? "summaryDisabled" : "summary", {
              url: endpoint.url,
              events: endpoint.eventTypes.join(", "),
              mono: (chunks) => <span className="font-mono break-all">{chunks}</span>,
            })}{" "}
            <Link className="underline" href="/admin/webhooks">
              {t("allEndpoints")}
            </Link>
          </>
        }
        actions={
          <EndpointControls
            endpointId={endpoint.id}
            url={endpoint.url}
            enabled={!endpoint.disabledAt}
            canChange={can(viewer.role, "admin:write")}
            afterDelete="/admin/webhooks"
          />
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>{t("deliveries.title")}</CardTitle>
          <CardDescription>{t("deliveries.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          {deliveries.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("deliveries.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("deliveries.event")}</TableHead>
                  <TableHead>{t("deliveries.queued")}</TableHead>
                  <TableHead>{t("deliveries.status")}</TableHead>
                  <TableHead>{t("deliveries.attempts")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {deliveries.map((delivery) => (
                  <TableRow
                    key={delivery.id}
                    data-testid={`delivery-row-${delivery.id}`}
                    className="align-top"
                  >
                    <TableCell>
                      <div className="font-mono text-xs">{delivery.eventType}</div>
                      <div className="font-mono text-xs text-muted-foreground">{delivery.messageId}</div>
                    </TableCell>
                    <TableCell>
                      <Time at={delivery.createdAt} precision="second" />
                    </TableCell>
                    <TableCell>
                      <Badge variant={statusBadge[delivery.status]}>
                        {t("deliveries.statuses", { status: delivery.status })}
                      </Badge>
                      {delivery.status === "pending" &&
                        delivery.nextAttemptAt &&
                        delivery.attempts.length > 0 && (
                          <div className="text-xs text-muted-foreground">
                            <NextTry at={delivery.nextAttemptAt} />
                          </div>
                        )}
                    </TableCell>
                    <TableCell>
                      <Attempts delivery={delivery} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </>
  );
}
