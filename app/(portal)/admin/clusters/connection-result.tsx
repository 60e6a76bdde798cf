import { useTranslations } from "next-intl";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { ConnectionTest, PrivilegeGap } from "@/lib/clusters/test-connection";

function MissingPrivileges({ gaps }: { gaps: PrivilegeGap[] }) {
  const t = useTranslations("adminClusters.connection");
  return (
    <Alert variant="destructive" role="alert" data-testid="missing-privileges">
      <AlertTitle>{t("missingPrivileges")}</AlertTitle>
      <AlertDescription>
        <ul className="list-disc ps-5">
          {gaps.map((gap) => (
            <li key={gap.path} className="break-words">
              {t.rich("gap", {
                feature: gap.feature,
                missing: gap.missing.join(", "),
                path: gap.path,
                strong: (chunks) => <strong>{chunks}</strong>,
                code: (chunks) => <code>{chunks}</code>,
              })}
              <pre className="mt-1 overflow-x-auto rounded bg-muted p-2 text-xs">{gap.fix.join("\n")}</pre>
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

export function ConnectionResult({ result }: { result: ConnectionTest }) {
  const t = useTranslations("adminClusters.connection");
  if (!result.reachable)
    return (
      <Alert variant="destructive" role="alert" data-testid="connection-result">
        <AlertTitle>{result.problem}</AlertTitle>
        {result.detail && <AlertDescription className="break-words">{result.detail}</AlertDescription>}
      </Alert>
    );
  return (
    <div className="space-y-2">
      <Alert role="status" data-testid="connection-result">
        <AlertTitle>{t("connected", { version: result.version, release: result.release })}</AlertTitle>
        <AlertDescription>
          {result.nodes.length === 0
            ? t("noNodes")
            : t("nodes", {
                nodes: result.nodes
                  .map((node) => (node.online ? node.name : t("offlineNode", { name: node.name })))
                  .join(", "),
              })}
        </AlertDescription>
      </Alert>
      {result.missingPrivileges.length > 0 && <MissingPrivileges gaps={result.missingPrivileges} />}
    </div>
  );
}
