"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { isLocale, localeNames, locales } from "@/lib/i18n/locales";
import { setLanguageAction } from "./actions";

export interface LanguageChoice {
  locale: string | null;
  timeZone: string | null;
}

/** Language and time zone: "automatic" follows the browser; a choice follows the person everywhere, mail too. */
export function LanguageCard({
  chosen,
  zones,
  browserZone,
}: {
  chosen: LanguageChoice;
  zones: string[];
  /** What the browser last reported, UTC until it has. */
  browserZone: string;
}) {
  const t = useTranslations("profile.language");
  const current = useLocale();
  const [locale, setLocale] = useState(chosen.locale ?? "");
  const [timeZone, setTimeZone] = useState(chosen.timeZone ?? "");
  const { run, pending, error } = useActionRunner({ refresh: true });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            run(
              () =>
                setLanguageAction({ locale: isLocale(locale) ? locale : null, timeZone: timeZone || null }),
              {
                success: t("saved"),
              },
            );
          }}
        >
          <FieldGroup className="gap-3 sm:flex-row">
            <Field className="gap-1.5 sm:max-w-xs">
              <FieldLabel htmlFor="profile-locale">{t("language")}</FieldLabel>
              <NativeSelect
                id="profile-locale"
                value={locale}
                onChange={(event) => setLocale(event.target.value)}
              >
                <NativeSelectOption value="">
                  {t("automaticLanguage", { current: localeNames[current] })}
                </NativeSelectOption>
                {locales.map((each) => (
                  <NativeSelectOption key={each} value={each} lang={each}>
                    {localeNames[each]}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
            </Field>
            <Field className="gap-1.5 sm:max-w-xs">
              <FieldLabel htmlFor="profile-time-zone">{t("timeZone")}</FieldLabel>
              <NativeSelect
                id="profile-time-zone"
                value={timeZone}
                onChange={(event) => setTimeZone(event.target.value)}
              >
                <NativeSelectOption value="">
                  {t("automaticTimeZone", { zone: browserZone })}
                </NativeSelectOption>
                {zones.map((zone) => (
                  <NativeSelectOption key={zone} value={zone}>
                    {zone}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
            </Field>
          </FieldGroup>
          <FieldError>{error}</FieldError>
          <div className="mt-3">
            <Button type="submit" disabled={pending}>
              {t("save")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
