import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-muted-foreground">There is nothing here, or it is not yours to see.</p>
      <Button asChild variant="outline">
        <Link href="/vms">Back to your VMs</Link>
      </Button>
    </main>
  );
}
