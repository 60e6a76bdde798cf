import { Webhook } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listWebhookEndpoints } from "@/db/queries/webhooks";
import { getUserWith } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { EndpointControls } from "./endpoint-controls";
import { EndpointForm } from "./endpoint-form";

export async function generateMetadata() {
  const t = await getTranslations("adminWebhooks");
  return { title: t("title") };
}

export default async function WebhooksPage() {
  const viewer = await getUserWith("admin:read");
  if (!viewer) notFound();
  const t = await getTranslations("adminWebhooks");
  const endpoints = await listWebhookEndpoints();
  const canChange = can(viewer.role, "admin:write");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {endpoints.length === 0 ? (
        <EmptyState icon={Webhook} title={t("empty.title")}>
          {t("empty.body")}
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("table.url")}</TableHead>
              <TableHead>{t("table.events")}</TableHead>
              <TableHead>{t("table.added")}</TableHead>
              <TableHead className="text-end">{t("table.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.map((endpoint) => (
              <TableRow key={endpoint.id} data-testid={`webhook-row-${endpoint.id}`}>
                <TableCell className="max-w-80">
                  <Link
                    className="font-mono text-xs break-all underline-offset-4 hover:underline"
                    href={`/admin/webhooks/${endpoint.id}`}
                  >
                    {endpoint.url}
                  </Link>
                  {endpoint.description && <div className="text-sm">{endpoint.description}</div>}
                  <div className="mt-1 flex flex-wrap gap-1">
                    {endpoint.disabledAt && <Badge variant="secondary">{t("badge.disabled")}</Badge>}
                    {endpoint.allowPrivate && (
                      <Badge variant="destructive">{t("badge.privateAllowed")}</Badge>
                    )}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{endpoint.eventTypes.join(", ")}</TableCell>
                <TableCell>
                  <Time at={endpoint.createdAt} precision="day" />
                </TableCell>
                <TableCell>
                  <EndpointControls
                    endpointId={endpoint.id}
                    url={endpoint.url}
                    enabled={!endpoint.disabledAt}
                    canChange={canChange}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("register.title")}</CardTitle>
          <CardDescription>{t("register.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <EndpointForm canChange={canChange} />
        </CardContent>
      </Card>
    </>
  );
}
