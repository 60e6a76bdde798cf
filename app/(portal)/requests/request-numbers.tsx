import { useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RequestNumber } from "@/lib/approvals/request-numbers";

/** What is asked beside the quota it is asked of and what is in use now. */
export function RequestNumbers({ numbers, kind }: { numbers: RequestNumber[]; kind: "vm" | "quota" }) {
  const t = useTranslations("requests.numbers");
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead />
          <TableHead className="text-end">{t(kind === "vm" ? "asked" : "quotaAsked")}</TableHead>
          <TableHead className="text-end">{t("quotaNow")}</TableHead>
          <TableHead className="text-end">{t("inUse")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {numbers.map((number) => (
          <TableRow key={number.dimension}>
            <TableCell>{t(number.dimension)}</TableCell>
            <TableCell className="text-end">{number.asked}</TableCell>
            <TableCell className="text-end">{number.quota}</TableCell>
            <TableCell className="text-end">{number.used}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
