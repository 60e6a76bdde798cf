import { parsePropertyString } from "./property-string";

const mac = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** The MAC of a `netN` entry (`virtio=BC:24:11:…,bridge=vmbr0`, or `macaddr=` in the long form), lowercase. */
export function macAddressOf(net: string | undefined): string | null {
  if (!net) return null;
  const properties = parsePropertyString(net);
  const found = properties.macaddr ?? Object.values(properties).find((value) => mac.test(value));
  return found && mac.test(found) ? found.toLowerCase() : null;
}
