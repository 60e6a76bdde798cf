import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/http/request-identity";

// What the proxy gives server code for an ordinary request, unless a test says otherwise.
const ordinary = () =>
  new Headers({ [REQUEST_ID_HEADER]: "test-request", [CLIENT_ADDRESS_HEADER]: "198.51.100.7" });

let current: Headers = ordinary();

/** The request headers server code sees from now on (null: an ordinary request again). */
export function setRequestHeaders(headers: Headers | null): void {
  current = headers ?? ordinary();
}

export function currentRequestHeaders(): Headers {
  return new Headers(current);
}
