import { ShieldX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "No access" };

export default async function NoAccessPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const disabled = reason === "disabled";
  return (
    <main className="mx-auto flex min-h-[80dvh] max-w-md flex-col justify-center px-4 py-10">
      <Card>
        <CardHeader>
          <ShieldX className="mb-2 size-8 text-destructive" aria-hidden />
          <CardTitle className="text-2xl">
            <h1>No access</h1>
          </CardTitle>
          <CardDescription>
            {disabled
              ? "Your account has been disabled by the portal's administrators."
              : "You signed in, but your account is not in any group that may use this portal."}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          <p>
            {disabled
              ? "Ask an administrator to enable it again if you think this is a mistake."
              : "Ask your administrators to add you to the portal's member group, then sign in again."}
          </p>
          <Button asChild variant="outline">
            <Link href="/signin">Back to sign-in</Link>
          </Button>
        </CardContent>
      </Card>
    </main>
  );
}
