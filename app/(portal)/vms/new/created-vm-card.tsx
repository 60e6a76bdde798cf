"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { CopyableSecret } from "@/components/copyable-secret";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export interface CreatedVm {
  vmId: string;
  password: string;
  user: string;
}

/** The new VM's one-time password, shown once in place of the form. */
export function CreatedVmCard({ created, keyCount }: { created: CreatedVm; keyCount: number }) {
  const t = useTranslations("createVm.created");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex items-center gap-2">
          <CopyableSecret value={created.password} testId="vm-password" />
        </div>
        <p className="text-sm">
          {t.rich(keyCount > 0 ? "signInWithKeys" : "signIn", {
            user: created.user,
            code: (chunks) => <code>{chunks}</code>,
          })}
        </p>
        <div>
          <Button asChild>
            <Link href={`/vms/${created.vmId}`}>{t("follow")}</Link>
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
