/** An error the simulator answers with, as pveproxy would: the status line's reason is the message's first line. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }
}

export function vmNotFound(node: string, vmid: number): SimError {
  return new SimError(500, `Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`);
}
