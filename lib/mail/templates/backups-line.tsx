import type { Translator } from "@/lib/i18n/translator";
import { Paragraph } from "./mail-layout";

/** What the lease's end means for the VM's backups: the `backup.lifecycle` setting, in one sentence. */
export function BackupsLine({ keepDays, t }: { keepDays: number; t: Translator }) {
  return (
    <Paragraph>
      {keepDays > 0 ? t("mail.backups.kept", { days: keepDays }) : t("mail.backups.deleted")}
    </Paragraph>
  );
}
