import { useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ReferenceField } from "@/lib/api/reference";
import { InlineCode } from "./inline-code";
import { TypeName } from "./type-name";

export function FieldsTable({ fields, label }: { fields: ReferenceField[]; label: string }) {
  const t = useTranslations("apiDocs.fields");
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead className="w-40">{t("name")}</TableHead>
          <TableHead className="w-48">{t("type")}</TableHead>
          <TableHead>{t("about")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {fields.map((field) => (
          <TableRow key={field.name}>
            <TableCell className="align-top font-mono text-xs">
              {field.name}
              {field.required && (
                <span className="text-destructive" title={t("required")}>
                  {" "}
                  *
                </span>
              )}
            </TableCell>
            <TableCell className="align-top whitespace-normal">
              <TypeName type={field.type} refersTo={field.refersTo} />
            </TableCell>
            <TableCell className="align-top whitespace-normal text-muted-foreground">
              {field.description && <InlineCode text={field.description} />}
              {field.constraints.length > 0 && (
                <span className="block text-xs">{field.constraints.join(" · ")}</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
