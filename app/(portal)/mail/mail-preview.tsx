import { useTranslations } from "next-intl";

const choice =
  "cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium hover:bg-accent has-[:checked]:bg-secondary has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50";

/**
 * A message as its reader sees it, or its plain-text body; the switch is two radio buttons and CSS, so
 * it works before (and without) the page's scripts. The HTML goes into a frame sandboxed with no
 * permissions at all, so whatever a message contains cannot run or reach the portal.
 */
export function MailPreview({
  id,
  subject,
  html,
  text,
}: {
  id: string;
  subject: string;
  html: string;
  text: string;
}) {
  const t = useTranslations("mailbox.preview");
  const name = `mail-view-${id}`;
  return (
    <div className="group/mail grid gap-2">
      <fieldset className="flex gap-1">
        <legend className="sr-only">{t("legend")}</legend>
        <label className={choice}>
          <input type="radio" name={name} value="html" defaultChecked className="sr-only" />
          {t("html")}
        </label>
        <label className={choice}>
          <input type="radio" name={name} value="text" className="sr-only" />
          {t("text")}
        </label>
      </fieldset>
      <iframe
        title={t("frame", { subject })}
        sandbox=""
        srcDoc={html}
        className="h-[32rem] w-full rounded border bg-white group-has-[input[value=text]:checked]/mail:hidden"
      />
      <pre
        className="hidden whitespace-pre-wrap wrap-anywhere rounded border p-3 text-sm group-has-[input[value=text]:checked]/mail:block"
        data-testid="mail-text"
      >
        {text}
      </pre>
    </div>
  );
}
