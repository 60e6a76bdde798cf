/** One attached serial console session: bytes in from the terminal, bytes out to it. */
export interface SerialLine {
  write(data: Buffer): void;
  onData(listener: (data: Buffer) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}
