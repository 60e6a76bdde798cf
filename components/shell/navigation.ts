import type { Permission } from "@/lib/authz/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  exact?: boolean;
}

export const mainNav: NavItem[] = [
  { href: "/vms", label: "VMs", permission: "portal:use" },
  { href: "/mail", label: "Mail", permission: "portal:use" },
  { href: "/profile", label: "Profile", permission: "portal:use" },
  { href: "/admin", label: "Admin", permission: "admin:read" },
];

export const adminNav: NavItem[] = [
  { href: "/admin", label: "Overview", permission: "admin:read", exact: true },
  { href: "/admin/vms", label: "VMs", permission: "admin:read" },
  { href: "/admin/users", label: "Users", permission: "admin:read" },
  { href: "/admin/catalog", label: "Catalog", permission: "admin:read" },
  { href: "/admin/groups", label: "Groups", permission: "admin:read" },
  { href: "/admin/ip-pools", label: "IP pools", permission: "admin:read" },
  { href: "/admin/clusters", label: "Clusters", permission: "admin:read" },
  { href: "/admin/jobs", label: "Jobs", permission: "admin:read" },
  { href: "/admin/settings", label: "Settings", permission: "admin:read" },
  { href: "/admin/audit", label: "Audit log", permission: "admin:read" },
];
