import { ShieldX } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export async function generateMetadata() {
  const t = await getTranslations("auth.noAccess");
  return { title: t("title") };
}

export default async function NoAccessPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const disabled = reason === "disabled";
  const t = await getTranslations("auth.noAccess");
  return (
    <main className="mx-auto flex min-h-[80dvh] max-w-md flex-col justify-center px-4 py-10">
      <Card>
        <CardHeader>
          <ShieldX className="mb-2 size-8 text-destructive" aria-hidden />
          <CardTitle className="text-2xl">
            <h1>{t("title")}</h1>
          </CardTitle>
          <CardDescription>{disabled ? t("disabled") : t("noGroup")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          <p>{disabled ? t("disabledHelp") : t("noGroupHelp")}</p>
          <Button asChild variant="outline">
            <Link href="/signin">{t("back")}</Link>
          </Button>
        </CardContent>
      </Card>
    </main>
  );
}
