import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { VmStateBadge } from "@/components/vm-state-badge";
import { getCurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { readClassSettings } from "@/lib/cohorts/class-settings";
import { loadTeacherView, type SeatView } from "@/lib/cohorts/teacher-view";
import { isDomainError } from "@/lib/errors";
import { formatDuration } from "@/lib/format";
import { byAnyKey, renderMessage } from "@/lib/i18n/message";
import { ClassControls } from "./class-controls";
import { ClassSettingsForm } from "./class-settings-form";
import { RefreshWhileBusy } from "./refresh-while-busy";
import { RetrySeatButton } from "./retry-seat-button";
import { SeatControls } from "./seat-controls";

export async function generateMetadata() {
  const t = await getTranslations("cohorts.page");
  return { title: t("title") };
}

const seatVariant = {
  waiting: "outline",
  queued: "secondary",
  provisioning: "secondary",
  ready: "default",
  failed: "destructive",
  removed: "outline",
} as const;

function studentOf({ seat, student }: SeatView): string {
  return student?.username ?? student?.email ?? seat.inviteEmail ?? "—";
}

export default async function CohortPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const user = await getCurrentUser();
  if (!user) notFound();
  const { cohortId } = await params;
  const view = await loadTeacherView(user, cohortId).catch((error) => {
    if (isDomainError(error) && error.kind === "not-found") notFound();
    throw error;
  });
  const [t, all, format, locale] = await Promise.all([
    getTranslations("cohorts.page"),
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const { cohort, seats, progress } = view;
  const mayAct = user.id === cohort.teacherId || can(user.role, "admin:write");
  const settings = mayAct && !cohort.endedAt ? await readClassSettings(user, cohort.id) : null;
  const total = seats.length;
  const now = Date.now();
  return (
    <>
      <RefreshWhileBusy
        busy={seats.some(({ seat }) => seat.state === "queued" || seat.state === "provisioning")}
      />
      <PageHeader
        title={cohort.name}
        description={t.rich("description", {
          pattern: `${cohort.slug}-<${t("usernameWord")}>`,
          ends: format.dateTime(cohort.endsAt, { dateStyle: "medium", timeZone: cohort.timeZone }),
          timeZone: cohort.timeZone,
          code: (chunks) => <code>{chunks}</code>,
        })}
        actions={mayAct && <ClassControls cohortId={cohort.id} name={cohort.name} />}
      />
      <Card data-testid="cohort-progress">
        <CardHeader>
          <CardTitle>{t("progressTitle", { made: progress.made, total })}</CardTitle>
          <CardDescription>
            {t("progressDescription", {
              running: progress.running,
              waiting: progress.waiting,
              failed: progress.failed,
            })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Progress value={total ? (100 * progress.made) / total : 0} aria-label={t("progressLabel")} />
        </CardContent>
      </Card>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t("student")}</TableHead>
            <TableHead>{t("vm")}</TableHead>
            <TableHead>{t("state")}</TableHead>
            <TableHead>{t("lastConsoleUse")}</TableHead>
            <TableHead>{t("noConsoleFor")}</TableHead>
            <TableHead>{t("quietFor")}</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {seats.map((row) => {
            const { seat, vm } = row;
            const shown = vm?.live ?? vm?.state;
            const lastUse = vm?.lastConsoleAt ?? null;
            return (
              <TableRow key={seat.id} data-testid={`seat-${studentOf(row)}`}>
                <TableCell>
                  {studentOf(row)}
                  {seat.state === "waiting" && (
                    <span className="block text-xs text-muted-foreground">{t("invited")}</span>
                  )}
                </TableCell>
                <TableCell>
                  {vm ? (
                    <Link className="underline-offset-4 hover:underline" href={`/vms/${vm.id}`}>
                      {vm.name}
                    </Link>
                  ) : (
                    "—"
                  )}
                </TableCell>
                <TableCell>
                  {seat.state === "ready" && vm && shown && shown !== "missing" ? (
                    <VmStateBadge state={shown} />
                  ) : (
                    <Badge variant={seatVariant[seat.state]} data-testid="seat-state">
                      {t(`seatState.${seat.state}`)}
                    </Badge>
                  )}
                  {seat.state === "failed" && seat.error && (
                    <span className="block text-xs text-destructive" data-testid="seat-error">
                      {renderMessage(seat.error, byAnyKey(all))}
                      {seat.attempts > 1 && ` ${t("afterAttempts", { count: seat.attempts })}`}
                    </span>
                  )}
                </TableCell>
                <TableCell>{lastUse ? <Time at={lastUse} /> : vm ? t("never") : "—"}</TableCell>
                <TableCell>
                  {vm && shown === "running"
                    ? formatDuration(now - (lastUse ?? vm.createdAt).getTime(), { locale })
                    : "—"}
                </TableCell>
                <TableCell data-testid="seat-quiet">
                  {vm && shown === "running" && row.quietSince
                    ? formatDuration(now - row.quietSince.getTime(), { locale })
                    : "—"}
                </TableCell>
                <TableCell>
                  {mayAct && seat.state === "failed" && (
                    <RetrySeatButton cohortId={cohort.id} seatId={seat.id} />
                  )}
                  {mayAct && vm && seat.state === "ready" && shown && (
                    <SeatControls
                      vmId={vm.id}
                      name={vm.name}
                      state={shown}
                      hasBaseline={vm.baselineSnapshot !== null}
                    />
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {settings && (
        <Card>
          <CardHeader>
            <CardTitle>{t("settingsTitle")}</CardTitle>
            <CardDescription>{t("settingsDescription", { timeZone: cohort.timeZone })}</CardDescription>
          </CardHeader>
          <CardContent>
            <ClassSettingsForm
              cohortId={cohort.id}
              initial={settings}
              inherit={cohort.projectId ? "project" : "portal"}
            />
          </CardContent>
        </Card>
      )}
    </>
  );
}
