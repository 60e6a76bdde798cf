"use client";

import { useState } from "react";
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
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * Deleting a VM asks for its name typed out, so a slip of the mouse cannot delete the wrong one. The
 * server checks the typed name again.
 */
export function DeleteVmDialog({
  name,
  remove,
  onDeleted,
}: {
  name: string;
  remove: (confirmName: string) => Promise<ActionResult<unknown>>;
  onDeleted: () => void;
}) {
  const [typed, setTyped] = useState("");
  const { run, pending, error, clearError } = useActionRunner();
  return (
    <AlertDialog
      onOpenChange={() => {
        setTyped("");
        clearError();
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="destructive" className="w-fit">
          Delete VM
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => remove(typed), { success: `Deleted ${name}.`, onSuccess: onDeleted });
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>Delete {name}?</AlertDialogTitle>
            <AlertDialogDescription>
              The VM and its disks are removed from the cluster. This cannot be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <Field>
            <FieldLabel htmlFor="confirm-delete">
              Type <code>{name}</code> to confirm
            </FieldLabel>
            <Input
              id="confirm-delete"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
            />
          </Field>
          <FieldError>{error}</FieldError>
          <AlertDialogFooter>
            <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={pending || typed.trim() !== name}>
              Delete VM
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
