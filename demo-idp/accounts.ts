export interface DemoAccount {
  username: string;
  name: string;
  email: string;
  groups: string[];
  /** What the login page says about them: a key under `demoIdp.blurbs`. */
  blurb: "member" | "admin" | "auditor" | "noGroup";
}

/** The people of the demo organisation. Their groups map to roles exactly as a real IdP's would. */
export const demoAccounts: DemoAccount[] = [
  {
    username: "alice",
    name: "Alice Martin",
    email: "alice@demo.roost.invalid",
    groups: ["roost-members", "students", "lab-robotics"],
    blurb: "member",
  },
  {
    username: "bob",
    name: "Bob Nguyen",
    email: "bob@demo.roost.invalid",
    groups: ["roost-members", "lab-robotics"],
    blurb: "member",
  },
  {
    username: "admin",
    name: "Ada Admin",
    email: "admin@demo.roost.invalid",
    groups: ["roost-admins", "roost-members"],
    blurb: "admin",
  },
  {
    username: "audrey",
    name: "Audrey Auditor",
    email: "audrey@demo.roost.invalid",
    groups: ["roost-auditors"],
    blurb: "auditor",
  },
  {
    username: "eve",
    name: "Eve Outsider",
    email: "eve@demo.roost.invalid",
    groups: ["visitors"],
    blurb: "noGroup",
  },
];

export function findDemoAccount(username: string): DemoAccount | undefined {
  const wanted = username.trim().toLowerCase();
  return demoAccounts.find((account) => account.username === wanted);
}
