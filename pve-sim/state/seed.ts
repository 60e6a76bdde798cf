import { emptyAccess } from "../access/model";
import type { ClusterState, SimVm } from "./model";

const GiB = 1024 ** 3;

function template(vmid: number, node: string, name: string, ostype: string, diskGb: number): SimVm {
  return {
    vmid,
    node,
    config: {
      name,
      template: "1",
      ostype,
      cores: "1",
      memory: "1024",
      scsihw: "virtio-scsi-pci",
      scsi0: `local-lvm:base-${vmid}-disk-0,size=${diskGb}G`,
      ide2: `local-lvm:vm-${vmid}-cloudinit,media=cdrom`,
      net0: `virtio=BC:24:11:00:${(vmid % 256).toString(16).padStart(2, "0").toUpperCase()}:01,bridge=vmbr0`,
      boot: "order=scsi0",
      serial0: "socket",
      vga: "serial0",
      agent: "1",
      ciuser: name.startsWith("ubuntu") ? "ubuntu" : "debian",
      description: `Cloud image ${name}, prepared for cloud-init`,
      digest: "0".repeat(40),
    },
    pending: {},
    pendingDelete: [],
    status: "stopped",
    paused: false,
    snapshots: [],
  };
}

/** A template without cloud-init, as a sysprepped Windows image is: the demo catalog leaves it to admins. */
function windowsTemplate(vmid: number, node: string, name: string, diskGb: number): SimVm {
  const base = template(vmid, node, name, "win11", diskGb);
  const { ide2: _cloudinit, ciuser: _user, serial0: _serial, vga: _vga, ...config } = base.config;
  return { ...base, config: { ...config, description: `Sysprepped ${name}` } };
}

/** A small lab: three nodes, ISOs, cloud-init templates, a Windows one, and a VM nobody in the portal owns. */
export function demoCluster(now: number): ClusterState {
  const seconds = Math.floor(now / 1000);
  return {
    name: "roost-demo",
    nodes: [
      { name: "pve1", online: true, maxcpu: 16, maxmem: 64 * GiB, maxdisk: 100 * GiB },
      { name: "pve2", online: true, maxcpu: 16, maxmem: 96 * GiB, maxdisk: 100 * GiB },
      { name: "pve3", online: true, maxcpu: 8, maxmem: 32 * GiB, maxdisk: 100 * GiB },
    ],
    storages: [
      {
        id: "local",
        type: "dir",
        content: ["iso", "vztmpl", "backup"],
        shared: false,
        totalBytes: 100 * GiB,
      },
      {
        id: "local-lvm",
        type: "lvmthin",
        content: ["images", "rootdir"],
        shared: false,
        totalBytes: 2048 * GiB,
      },
      // A Proxmox Backup Server datastore, as `pvesm add pbs` makes one: backups only, shared by every node.
      { id: "pbs", type: "pbs", content: ["backup"], shared: true, totalBytes: 1024 * GiB },
    ],
    volumes: [
      {
        storage: "local",
        volid: "local:iso/debian-13.1.0-amd64-netinst.iso",
        content: "iso",
        size: 754 * 1024 ** 2,
        format: "iso",
        ctime: seconds,
      },
      {
        storage: "local",
        volid: "local:iso/ubuntu-24.04.3-live-server-amd64.iso",
        content: "iso",
        size: 3 * GiB,
        format: "iso",
        ctime: seconds,
      },
      {
        storage: "local",
        volid: "local:iso/alpine-virt-3.22.2-x86_64.iso",
        content: "iso",
        size: 64 * 1024 ** 2,
        format: "iso",
        ctime: seconds,
      },
    ],
    vms: [
      template(9000, "pve1", "debian-13-cloud", "l26", 3),
      template(9001, "pve1", "ubuntu-24-04-cloud", "l26", 4),
      windowsTemplate(9002, "pve1", "windows-server-2025", 40),
      {
        vmid: 100,
        node: "pve2",
        pool: "infra",
        config: {
          name: "infra-dns",
          cores: "2",
          memory: "2048",
          ostype: "l26",
          scsi0: "local-lvm:vm-100-disk-0,size=16G",
          net0: "virtio=BC:24:11:00:64:00,bridge=vmbr0",
          boot: "order=scsi0",
          digest: "1".repeat(40),
        },
        pending: {},
        pendingDelete: [],
        status: "running",
        paused: false,
        startedAt: now - 86_400_000,
        agentReadyAt: now - 86_400_000,
        snapshots: [],
      },
    ],
    tasks: [],
    pools: [{ poolid: "infra", comment: "Servers the admins run by hand" }],
    access: emptyAccess(),
  };
}

export function emptyCluster(): ClusterState {
  return {
    name: "roost-sim",
    nodes: [{ name: "pve1", online: true, maxcpu: 8, maxmem: 32 * GiB, maxdisk: 100 * GiB }],
    storages: [
      { id: "local-lvm", type: "lvmthin", content: ["images"], shared: false, totalBytes: 1024 * GiB },
    ],
    volumes: [],
    vms: [],
    tasks: [],
    pools: [],
    access: emptyAccess(),
  };
}
