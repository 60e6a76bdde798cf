import { EventEmitter } from "node:events";
import type { SerialLine } from "./serial-line";

export interface SerialGuest {
  name: string;
  vmid: number;
}

const answers: Record<string, (guest: SerialGuest) => string> = {
  hostname: (guest) => guest.name,
  whoami: () => "root",
  uname: () => "Linux",
  "uname -a": (guest) => `Linux ${guest.name} 6.12.0-roost-sim #1 SMP x86_64 GNU/Linux`,
  uptime: () => " 12:00:00 up 3 min,  1 user,  load average: 0.00, 0.01, 0.00",
};

/**
 * Where QEMU is absent: a small line-based console in the manner of a getty on ttyS0. It echoes what is
 * typed, answers a few commands, and says so for the rest.
 */
export function openBuiltinSerial(guest: SerialGuest): SerialLine {
  const events = new EventEmitter();
  let line = "";
  let closed = false;
  const prompt = `root@${guest.name}:~# `;
  const say = (text: string) => {
    if (!closed) events.emit("data", Buffer.from(text));
  };
  const run = (command: string) => {
    const trimmed = command.trim();
    if (trimmed === "") return;
    if (trimmed === "exit" || trimmed === "logout") {
      say(`logout\r\n\r\n${guest.name} login: `);
      return;
    }
    if (trimmed.startsWith("echo ")) return say(`${trimmed.slice(5)}\r\n`);
    const answer = answers[trimmed];
    say(answer ? `${answer(guest)}\r\n` : `-bash: ${trimmed.split(" ")[0]}: command not found\r\n`);
  };
  setImmediate(() => say(`\r\nDebian GNU/Linux 13 ${guest.name} ttyS0\r\n\r\n${prompt}`));
  return {
    write(data) {
      for (const char of data.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          say("\r\n");
          run(line);
          line = "";
          say(prompt);
        } else if (char === "\x7f" || char === "\b") {
          if (line.length > 0) {
            line = line.slice(0, -1);
            say("\b \b");
          }
        } else if (char === "\x03") {
          line = "";
          say(`^C\r\n${prompt}`);
        } else if (char >= " ") {
          line += char;
          say(char);
        }
      }
    },
    onData: (listener) => events.on("data", listener),
    onClose: (listener) => events.once("close", listener),
    close() {
      if (closed) return;
      closed = true;
      events.emit("close");
    },
  };
}
