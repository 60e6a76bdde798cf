import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { ConnectionTest } from "@/lib/clusters/test-connection";

export function ConnectionResult({ result }: { result: ConnectionTest }) {
  if (!result.reachable)
    return (
      <Alert variant="destructive" role="alert" data-testid="connection-result">
        <AlertTitle>{result.problem}</AlertTitle>
        {result.detail && <AlertDescription className="break-words">{result.detail}</AlertDescription>}
      </Alert>
    );
  return (
    <Alert role="status" data-testid="connection-result">
      <AlertTitle>
        Connected: Proxmox VE {result.version} (release {result.release})
      </AlertTitle>
      <AlertDescription>
        Nodes:{" "}
        {result.nodes.map((node) => `${node.name}${node.online ? "" : " (offline)"}`).join(", ") || "none"}
      </AlertDescription>
    </Alert>
  );
}
