import type { ApiRoute } from "../define-route";
import { listAuditEventsRoute } from "./admin-audit";
import { listBackgroundJobs } from "./admin-jobs";
import { listAdminUsers } from "./admin-users";
import { listAdminVms } from "./admin-vms";
import { listIsos, listNetworks, listTemplates } from "./catalog";
import { openConsole } from "./console";
import { getJob } from "./jobs";
import { getMailRoute, listMailRoute } from "./mail";
import { getMe } from "./me";
import {
  addProjectMember,
  changeProjectMember,
  getProjectRoute,
  listMyProjects,
  removeProjectMember,
} from "./projects";
import { getQuota } from "./quota";
import {
  approveRequestRoute,
  askQuotaApproval,
  askVmApproval,
  cancelMyRequest,
  denyRequestRoute,
  listMyRequests,
  listPendingRequestsRoute,
} from "./requests";
import {
  getProjectSchedule,
  getVmSchedule,
  removeProjectSchedule,
  removeVmSchedule,
  setProjectSchedule,
  setVmSchedule,
} from "./schedules";
import { createSnapshot, deleteSnapshot, listSnapshots, rollbackSnapshot } from "./snapshots";
import { addSshKeyRoute, deleteSshKeyRoute, getSshKeyRoute, listSshKeysRoute } from "./ssh-keys";
import { renewVmLease } from "./vm-lease";
import { setVmBootOrder, setVmCdrom } from "./vm-media";
import { powerVm } from "./vm-power";
import { listVmSharesRoute, revokeVmShareRoute, shareVmRoute } from "./vm-shares";
import { createIsoVm, createVm, deleteVm, getVm, listVms, resizeVm, retryVm } from "./vms";

/** Every /api/v1 route; the dispatcher and the OpenAPI document read only this list. */
export const apiRoutes: readonly ApiRoute[] = [
  getMe,
  listVms,
  createVm,
  createIsoVm,
  getVm,
  deleteVm,
  resizeVm,
  retryVm,
  powerVm,
  setVmCdrom,
  setVmBootOrder,
  renewVmLease,
  getVmSchedule,
  setVmSchedule,
  removeVmSchedule,
  listVmSharesRoute,
  shareVmRoute,
  revokeVmShareRoute,
  listSnapshots,
  createSnapshot,
  rollbackSnapshot,
  deleteSnapshot,
  openConsole,
  getJob,
  listTemplates,
  listIsos,
  listNetworks,
  getQuota,
  listMyProjects,
  getProjectRoute,
  addProjectMember,
  changeProjectMember,
  removeProjectMember,
  getProjectSchedule,
  setProjectSchedule,
  removeProjectSchedule,
  listSshKeysRoute,
  getSshKeyRoute,
  addSshKeyRoute,
  deleteSshKeyRoute,
  listMailRoute,
  getMailRoute,
  listMyRequests,
  askVmApproval,
  askQuotaApproval,
  cancelMyRequest,
  listAdminVms,
  listAdminUsers,
  listPendingRequestsRoute,
  approveRequestRoute,
  denyRequestRoute,
  listAuditEventsRoute,
  listBackgroundJobs,
];
