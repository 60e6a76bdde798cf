import { listEnabledIsos } from "@/db/queries/isos";
import { listEnabledNetworks } from "@/db/queries/networks";
import { listEnabledTemplates } from "@/db/queries/templates";
import { textCursorFrom } from "../cursor-keys";
import { defineApiRoute } from "../define-route";
import { pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import {
  isoResource,
  labelledResourceOf,
  networkResource,
  templateResource,
  templateResourceOf,
} from "../resources/catalog";

export const listTemplates = defineApiRoute({
  method: "GET",
  path: "/templates",
  operationId: "listTemplates",
  summary: "List the templates you may create VMs from",
  description: "The cloud images your admins approved, by label.",
  tags: ["Catalog"],
  scope: "read",
  query: pageQuerySchema,
  responses: { 200: { description: "A page of templates.", schema: pageSchema(templateResource) } },
  async handler({ query }) {
    const after = textCursorFrom(query.cursor);
    const rows = await listEnabledTemplates({ page: { after, limit: query.limit + 1 } });
    return {
      status: 200,
      body: pageFrom(rows, query.limit, (row) => [row.label, row.id], templateResourceOf),
    };
  },
});

export const listIsos = defineApiRoute({
  method: "GET",
  path: "/isos",
  operationId: "listIsos",
  summary: "List the installer ISOs you may boot a new VM from",
  tags: ["Catalog"],
  scope: "read",
  query: pageQuerySchema,
  responses: { 200: { description: "A page of ISOs.", schema: pageSchema(isoResource) } },
  async handler({ query }) {
    const after = textCursorFrom(query.cursor);
    const rows = await listEnabledIsos({ page: { after, limit: query.limit + 1 } });
    return {
      status: 200,
      body: pageFrom(rows, query.limit, (row) => [row.label, row.id], labelledResourceOf),
    };
  },
});

export const listNetworks = defineApiRoute({
  method: "GET",
  path: "/networks",
  operationId: "listNetworks",
  summary: "List the networks your VMs may attach to",
  tags: ["Catalog"],
  scope: "read",
  query: pageQuerySchema,
  responses: { 200: { description: "A page of networks.", schema: pageSchema(networkResource) } },
  async handler({ query }) {
    const after = textCursorFrom(query.cursor);
    const rows = await listEnabledNetworks({ page: { after, limit: query.limit + 1 } });
    return {
      status: 200,
      body: pageFrom(rows, query.limit, (row) => [row.label, row.id], labelledResourceOf),
    };
  },
});
