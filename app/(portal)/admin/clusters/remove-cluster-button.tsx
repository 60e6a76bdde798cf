"use client";

import { useRouter } from "next/navigation";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { removeClusterAction } from "./actions";

/** Asks once more before removing: the cluster's templates, ISOs and networks go with it. */
export function RemoveClusterButton({
  clusterId,
  name,
  canChange,
}: {
  clusterId: string;
  name: string;
  canChange: boolean;
}) {
  const router = useRouter();
  const { run, pending, error, clearError } = useActionRunner();
  return (
    <AlertDialog onOpenChange={clearError}>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" className="w-fit" disabled={!canChange}>
          Remove cluster
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Remove {name}?</AlertDialogTitle>
          <AlertDialogDescription>
            Roost forgets the cluster and its approved templates, ISOs and networks; nothing on Proxmox itself
            changes.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FieldError>{error}</FieldError>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Keep it</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={() =>
              run(() => removeClusterAction({ clusterId }), {
                success: `Removed ${name}.`,
                onSuccess: () => router.push("/admin/clusters"),
              })
            }
          >
            Remove {name} for good
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
