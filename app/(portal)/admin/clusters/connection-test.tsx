"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { ClusterFormOutput, ClusterFormValues } from "@/lib/clusters/cluster-settings";
import type { ConnectionTest as ConnectionTestResult } from "@/lib/clusters/test-connection";
import { testClusterConnectionAction } from "./actions";
import { ConnectionResult } from "./connection-result";

/**
 * Tries the form's settings against the cluster before they are saved; with the secret left empty, the
 * cluster's stored one is used. Its result shows above the form's buttons (`children`).
 */
export function ConnectionTest({
  form,
  clusterId,
  disabled,
  children,
}: {
  form: UseFormReturn<ClusterFormValues, unknown, ClusterFormOutput>;
  clusterId?: string;
  disabled: boolean;
  children: ReactNode;
}) {
  const t = useTranslations("adminClusters.connection");
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const { run, pending } = useActionRunner({ form });
  const test = form.handleSubmit(async (values) => {
    setResult(null);
    const outcome = await run(() => testClusterConnectionAction({ ...values, clusterId: clusterId ?? "" }));
    setResult(outcome.ok ? outcome.data : { reachable: false, problem: outcome.error, detail: "" });
  });
  return (
    <>
      {result && <ConnectionResult result={result} />}
      <div className="flex gap-2">
        {children}
        <Button type="button" variant="outline" disabled={disabled || pending} onClick={test}>
          {pending ? t("testing") : t("test")}
        </Button>
      </div>
    </>
  );
}
