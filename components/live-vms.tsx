"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card, CardContent } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { VmStateBadge } from "@/components/vm-state-badge";
import type { Vm } from "@/db/schema";
import {
  type LiveVmsOptions,
  LiveVmsStoreProvider,
  type ShownStateRule,
  shownState,
  useLiveVm,
  useLiveVmsStream,
} from "@/hooks/use-live-vms";
import { byAnyKey, renderMessage } from "@/lib/i18n/message";

/** Opens the page's one live stream; the badges and progress below it follow it. */
export function LiveVmsProvider({ children, ...options }: LiveVmsOptions & { children: ReactNode }) {
  const store = useLiveVmsStream(options);
  return <LiveVmsStoreProvider value={store}>{children}</LiveVmsStoreProvider>;
}

export function LiveVmStateBadge({
  id,
  initial,
  rule,
}: {
  id: string;
  initial: Vm["state"];
  rule: ShownStateRule;
}) {
  const view = useLiveVm(id);
  return <VmStateBadge state={(view ? shownState(view, rule) : initial) as Vm["state"]} />;
}

/** The dashboard row's line under the name: what provisioning is doing, and how far it is. */
export function LiveVmProgressLine({
  id,
  detail,
  progress,
}: {
  id: string;
  detail: string | null;
  progress: number | null;
}) {
  const t = useTranslations("components.liveVms");
  const format = useFormatter();
  const view = useLiveVm(id);
  const words = byAnyKey(useTranslations());
  const [line, percent] = view ? [view.stateDetail, view.progress] : [detail, progress];
  if (!line) return null;
  const text = renderMessage(line, words);
  return (
    <div className="text-xs text-muted-foreground">
      {percent === null
        ? text
        : t("progress", { detail: text, percent: format.number(percent / 100, "percent") })}
    </div>
  );
}

/** The VM page's progress card, shown while the record has something to say. */
export function LiveVmProgressCard({
  id,
  state,
  detail,
  progress,
}: {
  id: string;
  state: Vm["state"];
  detail: string | null;
  progress: number | null;
}) {
  const view = useLiveVm(id);
  const words = byAnyKey(useTranslations());
  const [current, line, percent] = view
    ? [view.state, view.stateDetail, view.progress]
    : [state, detail, progress];
  if (!line) return null;
  const text = renderMessage(line, words);
  return (
    <Card className="gap-3 py-4">
      <CardContent className="grid gap-2">
        <p className="text-sm" data-testid="vm-progress-text">
          {text}
        </p>
        {current === "provisioning" && <Progress value={percent ?? 5} className="bg-muted" aria-hidden />}
      </CardContent>
    </Card>
  );
}
