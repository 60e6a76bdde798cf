import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReferenceOperation } from "@/lib/api/reference";
import { FieldsTable } from "./fields-table";
import { InlineCode } from "./inline-code";
import { TypeName } from "./type-name";

const methodStyle: Record<string, "default" | "secondary" | "destructive" | "outline"> = {
  GET: "secondary",
  DELETE: "destructive",
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="grid gap-1">
      <h4 className="text-sm font-medium">{title}</h4>
      {children}
    </section>
  );
}

export function OperationCard({ operation }: { operation: ReferenceOperation }) {
  const t = useTranslations("apiDocs.operation");
  return (
    <Card id={operation.id} className="scroll-mt-4">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          <Badge variant={methodStyle[operation.method] ?? "default"} className="font-mono">
            {operation.method}
          </Badge>
          {/* i18n-ignore: the API's base path */}
          <code className="font-mono text-sm">/api/v1{operation.path}</code>
          <Badge variant="outline" title={t("scopeTitle")}>
            {t("scope", { scope: operation.scope })}
          </Badge>
          {operation.idempotent && (
            <Badge variant="outline" title={t("idempotentTitle")}>
              {/* i18n-ignore: an HTTP header's name */}
              Idempotency-Key
            </Badge>
          )}
        </CardTitle>
        <p className="text-sm">{operation.summary}</p>
        {operation.description && (
          <p className="text-sm text-muted-foreground">
            <InlineCode text={operation.description} />
          </p>
        )}
      </CardHeader>
      <CardContent className="grid gap-4">
        {operation.pathParams.length > 0 && (
          <Section title={t("path")}>
            <FieldsTable fields={operation.pathParams} label={t("pathLabel", { id: operation.id })} />
          </Section>
        )}
        {operation.query.length > 0 && (
          <Section title={t("query")}>
            <FieldsTable fields={operation.query} label={t("queryLabel", { id: operation.id })} />
          </Section>
        )}
        {operation.headers.length > 0 && (
          <Section title={t("headers")}>
            <FieldsTable fields={operation.headers} label={t("headersLabel", { id: operation.id })} />
          </Section>
        )}
        {operation.body && (
          <Section title={t("body")}>
            {operation.body.refersTo && (
              <p className="text-sm">
                <TypeName type={operation.body.type} refersTo={operation.body.refersTo} />
              </p>
            )}
            <FieldsTable fields={operation.body.fields} label={t("bodyLabel", { id: operation.id })} />
          </Section>
        )}
        <Section title={t("answers")}>
          <ul className="grid gap-2 text-sm">
            {operation.responses.map((response) => (
              <li key={response.status}>
                <span className="font-mono font-medium">{response.status}</span>{" "}
                <InlineCode text={response.description} />
                {response.type && response.refersTo && (
                  <>
                    {" "}
                    <TypeName type={response.type} refersTo={response.refersTo} />
                  </>
                )}
                {response.fields.length > 0 && (
                  <div className="mt-1">
                    <FieldsTable
                      fields={response.fields}
                      label={t("answerLabel", { id: operation.id, status: response.status })}
                    />
                  </div>
                )}
              </li>
            ))}
            {operation.commonStatuses.length > 0 && (
              <li className="text-muted-foreground">
                {t.rich("common", {
                  statuses: operation.commonStatuses.join(", "),
                  link: (chunks) => (
                    <a href="#calling" className="underline underline-offset-2">
                      {chunks}
                    </a>
                  ),
                })}
              </li>
            )}
          </ul>
        </Section>
      </CardContent>
    </Card>
  );
}
