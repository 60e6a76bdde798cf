import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { contains, formatCidr, isHostAddress, isIpv4, parseCidr, parseIpv4 } from "./ipv4";

/** Walking a range is linear; a /16 is as large as a portal's pool sensibly gets. */
export const MAX_POOL_ADDRESSES = 65_536;

const ipv4 = (message: string) => z.string().trim().refine(isIpv4, message);

const dnsName = z
  .string()
  .trim()
  .toLowerCase()
  .max(200, message("validation.ipam.keepDomainUnder"))
  .regex(
    /^(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
    "Enter a DNS domain such as lab.example.org.",
  );

/** What an admin enters for a pool; checked as a whole so each mistake is named on its field. */
export const poolDefinitionSchema = z
  .object({
    networkId: z.uuid(message("validation.ipam.pickNetwork")),
    cidr: z
      .string()
      .trim()
      .refine(
        (text) => parseCidr(text) !== null,
        "Enter the subnet as its network address and prefix, like 10.20.0.0/24.",
      )
      .refine((text) => {
        const prefix = parseCidr(text)?.prefix ?? 24;
        return prefix >= 8 && prefix <= 30;
      }, message("validation.ipam.usePrefixBetween")),
    gateway: z
      .union([z.literal(""), ipv4("Enter the gateway as an IPv4 address, or leave it empty.")])
      .optional(),
    rangeStart: ipv4("Enter the first address Roost may hand out."),
    rangeEnd: ipv4("Enter the last address Roost may hand out."),
    dnsServers: z
      .array(ipv4("Each DNS server must be an IPv4 address."))
      .min(1, message("validation.ipam.nameLeastOne"))
      .max(3, message("validation.ipam.cloudInitSets")),
    domain: dnsName,
  })
  .superRefine((pool, context) => {
    const subnet = parseCidr(pool.cidr);
    if (!subnet || !isIpv4(pool.rangeStart) || !isIpv4(pool.rangeEnd)) return;
    const issue = (path: string, message: string) =>
      context.addIssue({ code: "custom", path: [path], message });
    const [start, end] = [parseIpv4(pool.rangeStart), parseIpv4(pool.rangeEnd)];
    if (!isHostAddress(subnet, start))
      issue("rangeStart", `The first address must be a host address of ${formatCidr(subnet)}.`);
    if (!isHostAddress(subnet, end))
      issue("rangeEnd", `The last address must be a host address of ${formatCidr(subnet)}.`);
    if (start > end) issue("rangeEnd", "The last address must not come before the first.");
    else if (end - start + 1 > MAX_POOL_ADDRESSES)
      issue("rangeEnd", `A pool can hand out at most ${MAX_POOL_ADDRESSES} addresses.`);
    if (pool.gateway && !contains(subnet, parseIpv4(pool.gateway)))
      issue("gateway", `The gateway must be inside ${formatCidr(subnet)}.`);
  })
  .transform((pool) => ({ ...pool, cidr: formatCidr(parseCidr(pool.cidr)!), gateway: pool.gateway || null }));

export type PoolDefinition = z.output<typeof poolDefinitionSchema>;

/** The pool form's fields as typed: DNS servers in one box, separated by commas or spaces. */
export const poolFormSchema = z
  .object({
    networkId: z.string(),
    cidr: z.string(),
    gateway: z.string(),
    rangeStart: z.string(),
    rangeEnd: z.string(),
    dnsServers: z.string(),
    domain: z.string(),
  })
  .superRefine((fields, context) => {
    const checked = poolDefinitionSchema.safeParse(poolFromForm(fields));
    for (const issue of checked.error?.issues ?? [])
      context.addIssue({ code: "custom", path: issue.path.slice(0, 1), message: issue.message });
  });

export type PoolFormFields = z.input<typeof poolFormSchema>;

export function poolFromForm(fields: PoolFormFields): z.input<typeof poolDefinitionSchema> {
  return { ...fields, dnsServers: fields.dnsServers.split(/[\s,]+/).filter(Boolean) };
}
