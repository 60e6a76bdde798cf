import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { problemKinds } from "@/lib/api/problem";
import { API_RATE_LIMIT } from "@/lib/api/rate-limit";
import { apiReference } from "@/lib/api/reference";
import { apiRoutes } from "@/lib/api/routes";
import { getCurrentUser } from "@/lib/authz/current-user";
import { FieldsTable } from "./fields-table";
import { InlineCode } from "./inline-code";
import { OperationCard } from "./operation-card";

export async function generateMetadata() {
  const t = await getTranslations("apiDocs");
  return { title: t("title") };
}

const code = (chunks: ReactNode) => <code className="font-mono text-xs">{chunks}</code>;
const b = (chunks: ReactNode) => <b>{chunks}</b>;

export default async function ApiDocsPage() {
  if (!(await getCurrentUser())) notFound();
  const t = await getTranslations("apiDocs");
  const { tags, schemas } = apiReference(buildOpenApiDocument(apiRoutes));
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t.rich("description", {
          link: (chunks) => (
            <a href="/api/v1/openapi.json" className="underline underline-offset-2">
              {chunks}
            </a>
          ),
        })}
      />
      <Card id="calling" className="scroll-mt-4">
        <CardHeader>
          <CardTitle>{t("calling.title")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          <p>
            {t.rich("calling.tokens", {
              link: (chunks) => (
                <Link href="/profile" className="underline underline-offset-2">
                  {chunks}
                </Link>
              ),
              code,
              b,
            })}
          </p>
          <p>{t.rich("calling.paging", { code, b, limit: API_RATE_LIMIT.limit })}</p>
          <p>{t.rich("calling.refusals", { code, b })}</p>
        </CardContent>
      </Card>
      <nav aria-label={t("operations")} className="grid gap-1 text-sm">
        {tags.map((tag) => (
          <div key={tag.name}>
            <a href={`#tag-${tag.name}`} className="font-medium underline underline-offset-2">
              {tag.name}
            </a>
            {": "}
            {tag.operations.map((operation, index) => (
              <span key={operation.id}>
                {index > 0 && ", "}
                <a href={`#${operation.id}`} className="underline-offset-2 hover:underline">
                  {operation.summary}
                </a>
              </span>
            ))}
          </div>
        ))}
      </nav>
      {tags.map((tag) => (
        <section
          key={tag.name}
          id={`tag-${tag.name}`}
          className="grid scroll-mt-4 gap-4"
          aria-label={tag.name}
        >
          <div>
            <h2 className="text-xl font-semibold">{tag.name}</h2>
            {tag.description && <p className="text-sm text-muted-foreground">{tag.description}</p>}
          </div>
          {tag.operations.map((operation) => (
            <OperationCard key={operation.id} operation={operation} />
          ))}
        </section>
      ))}
      <section className="grid gap-4" aria-label={t("schemas")}>
        <h2 className="text-xl font-semibold">{t("schemas")}</h2>
        {schemas.map((schema) => (
          <Card key={schema.name} id={`schema-${schema.name}`} className="scroll-mt-4">
            <CardHeader>
              <CardTitle className="font-mono text-base">{schema.name}</CardTitle>
              {schema.description && (
                <p className="text-sm text-muted-foreground">
                  <InlineCode text={schema.description} />
                </p>
              )}
            </CardHeader>
            <CardContent>
              <FieldsTable fields={schema.fields} label={t("schemaFields", { name: schema.name })} />
            </CardContent>
          </Card>
        ))}
      </section>
      <section className="grid gap-2" aria-label={t("problems.label")}>
        <h2 className="text-xl font-semibold">{t("problems.title")}</h2>
        <p className="text-sm text-muted-foreground">{t.rich("problems.description", { code })}</p>
        <ul className="grid gap-1 text-sm">
          {problemKinds.map((problem) => (
            <li key={problem.kind} id={`problem-${problem.kind}`} className="scroll-mt-4">
              <span className="font-mono font-medium">{problem.status}</span> {problem.title}{" "}
              <span className="text-muted-foreground">
                (<InlineCode text={`\`${problem.type}\``} />)
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
