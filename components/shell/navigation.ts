import type { Permission } from "@/lib/authz/permissions";
import type { NavLabel } from "./nav-links";

export interface NavItem {
  href: string;
  label: NavLabel;
  permission: Permission;
  exact?: boolean;
  /** Shown only to people who belong to a project (and to admins, who manage them all). */
  projectsOnly?: boolean;
  /** Shown only to those who may run a class: admins and project owners. */
  teachersOnly?: boolean;
}

export const mainNav: NavItem[] = [
  { href: "/vms", label: "vms", permission: "portal:use" },
  { href: "/projects", label: "projects", permission: "portal:use", projectsOnly: true },
  { href: "/cohorts", label: "classes", permission: "portal:use", teachersOnly: true },
  { href: "/backups", label: "backups", permission: "portal:use" },
  { href: "/requests", label: "requests", permission: "portal:use" },
  { href: "/mail", label: "mail", permission: "portal:use" },
  { href: "/profile", label: "profile", permission: "portal:use" },
  { href: "/api-docs", label: "api", permission: "portal:use" },
  { href: "/admin", label: "admin", permission: "admin:read" },
];

export const adminNav: NavItem[] = [
  { href: "/admin", label: "overview", permission: "admin:read", exact: true },
  { href: "/admin/vms", label: "vms", permission: "admin:read" },
  { href: "/admin/users", label: "users", permission: "admin:read" },
  { href: "/admin/requests", label: "requests", permission: "admin:read" },
  { href: "/admin/catalog", label: "catalog", permission: "admin:read" },
  { href: "/admin/backups", label: "backups", permission: "admin:read" },
  { href: "/admin/projects", label: "projects", permission: "admin:read" },
  { href: "/admin/groups", label: "groups", permission: "admin:read" },
  { href: "/admin/ip-pools", label: "ipPools", permission: "admin:read" },
  { href: "/admin/clusters", label: "clusters", permission: "admin:read" },
  { href: "/admin/jobs", label: "jobs", permission: "admin:read" },
  { href: "/admin/webhooks", label: "webhooks", permission: "admin:read" },
  { href: "/admin/settings", label: "settings", permission: "admin:read" },
  { href: "/admin/audit", label: "audit", permission: "admin:read" },
];
