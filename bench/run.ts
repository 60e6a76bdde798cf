/** `npm run bench -- <name>` runs bench/<name>.ts; each prints one JSON line of its figures last. */
const benchName = process.argv[2] ?? "";
if (!/^[a-z0-9-]+$/.test(benchName)) {
  console.error("Usage: npm run bench -- <name>   (a file in bench/, e.g. proxmox-resources)");
  process.exit(2);
}
await import(`./${benchName}.ts`);

export {};
