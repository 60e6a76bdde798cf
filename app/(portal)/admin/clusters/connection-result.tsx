import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { ConnectionTest, PrivilegeGap } from "@/lib/clusters/test-connection";

function MissingPrivileges({ gaps }: { gaps: PrivilegeGap[] }) {
  return (
    <Alert variant="destructive" role="alert" data-testid="missing-privileges">
      <AlertTitle>The API token lacks privileges the portal needs</AlertTitle>
      <AlertDescription>
        <ul className="list-disc ps-5">
          {gaps.map((gap) => (
            <li key={gap.path} className="break-words">
              {gap.feature}: <strong>{gap.missing.join(", ")}</strong> on <code>{gap.path}</code>
              <pre className="mt-1 overflow-x-auto rounded bg-muted p-2 text-xs">{gap.fix.join("\n")}</pre>
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

export function ConnectionResult({ result }: { result: ConnectionTest }) {
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
        <AlertTitle>
          Connected: Proxmox VE {result.version} (release {result.release})
        </AlertTitle>
        <AlertDescription>
          Nodes:{" "}
          {result.nodes.map((node) => `${node.name}${node.online ? "" : " (offline)"}`).join(", ") || "none"}
        </AlertDescription>
      </Alert>
      {result.missingPrivileges.length > 0 && <MissingPrivileges gaps={result.missingPrivileges} />}
    </div>
  );
}
