import { removePowerSchedule, savePowerSchedule } from "@/lib/schedules/manage-schedules";
import { projectScheduleView, vmScheduleView } from "@/lib/schedules/schedule-view";
import { defineApiRoute } from "../define-route";
import {
  powerScheduleBody,
  projectScheduleResource,
  projectScheduleResourceOf,
  vmScheduleResource,
  vmScheduleResourceOf,
} from "../resources/power-schedule";
import { projectIdParams } from "../resources/project";
import { vmIdParams } from "../resources/vm";

const badTimes = { description: "A time zone, day or time that does not read, with the reason." };

export const getVmSchedule = defineApiRoute({
  method: "GET",
  path: "/vms/{vmId}/schedule",
  operationId: "getVmSchedule",
  summary: "Read a VM's power schedule",
  description:
    "The times the VM is started and stopped at: its own schedule, else its class's, else its project's.",
  tags: ["Schedules"],
  scope: "read",
  params: vmIdParams,
  responses: {
    200: { description: "The schedule that powers the VM, if any.", schema: vmScheduleResource },
    404: { description: "You see no VM with this id." },
  },
  async handler({ params, person }) {
    return { status: 200, body: vmScheduleResourceOf(await vmScheduleView(person, params.vmId)) };
  },
});

export const setVmSchedule = defineApiRoute({
  method: "PUT",
  path: "/vms/{vmId}/schedule",
  operationId: "setVmSchedule",
  summary: "Set a VM's own power schedule",
  description:
    "Replaces the VM's own schedule, which takes precedence over its class's and its project's. Its first edge is the next one: saving never replays a start already past. A VM in a class is scheduled by its teacher.",
  tags: ["Schedules"],
  scope: "manage",
  params: vmIdParams,
  body: powerScheduleBody,
  responses: {
    200: { description: "The schedule now powering the VM.", schema: vmScheduleResource },
    400: badTimes,
    403: { description: "You see this VM but may not schedule it (a class's VM, someone else's)." },
    404: { description: "You see no VM with this id." },
  },
  async handler({ params, body, person, actor, audit }) {
    await savePowerSchedule({ person, actor, target: { vmId: params.vmId }, input: body, audit });
    return { status: 200, body: vmScheduleResourceOf(await vmScheduleView(person, params.vmId)) };
  },
});

export const removeVmSchedule = defineApiRoute({
  method: "DELETE",
  path: "/vms/{vmId}/schedule",
  operationId: "removeVmSchedule",
  summary: "Remove a VM's own power schedule",
  description: "The VM then follows its class's or its project's schedule, if either has one.",
  tags: ["Schedules"],
  scope: "manage",
  params: vmIdParams,
  responses: {
    204: { description: "The VM has no schedule of its own now (also when it had none)." },
    403: { description: "You see this VM but may not schedule it." },
    404: { description: "You see no VM with this id." },
  },
  async handler({ params, person, actor, audit }) {
    await removePowerSchedule({ person, actor, target: { vmId: params.vmId }, audit });
    return { status: 204 };
  },
});

export const getProjectSchedule = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}/schedule",
  operationId: "getProjectSchedule",
  summary: "Read a project's power schedule",
  description:
    "The times the project's VMs are started and stopped at, unless a VM or its class has its own.",
  tags: ["Schedules"],
  scope: "read",
  params: projectIdParams,
  responses: {
    200: { description: "The project's schedule, if any.", schema: projectScheduleResource },
    404: { description: "You see no project with this id." },
  },
  async handler({ params, person }) {
    return {
      status: 200,
      body: projectScheduleResourceOf(await projectScheduleView(person, params.projectId)),
    };
  },
});

export const setProjectSchedule = defineApiRoute({
  method: "PUT",
  path: "/projects/{projectId}/schedule",
  operationId: "setProjectSchedule",
  summary: "Set a project's power schedule",
  description:
    "Replaces the project's schedule; it powers every VM of the project that has no schedule of its own or of its class. For the project's owners.",
  tags: ["Schedules"],
  scope: "manage",
  params: projectIdParams,
  body: powerScheduleBody,
  responses: {
    200: { description: "The project's schedule.", schema: projectScheduleResource },
    400: badTimes,
    403: { description: "You are a member of this project but not an owner." },
    404: { description: "You see no project with this id." },
    409: { description: "The project is archived." },
  },
  async handler({ params, body, person, actor, audit }) {
    const target = { projectId: params.projectId };
    await savePowerSchedule({ person, actor, target, input: body, audit });
    return {
      status: 200,
      body: projectScheduleResourceOf(await projectScheduleView(person, params.projectId)),
    };
  },
});

export const removeProjectSchedule = defineApiRoute({
  method: "DELETE",
  path: "/projects/{projectId}/schedule",
  operationId: "removeProjectSchedule",
  summary: "Remove a project's power schedule",
  tags: ["Schedules"],
  scope: "manage",
  params: projectIdParams,
  responses: {
    204: { description: "The project has no schedule now (also when it had none)." },
    403: { description: "You are a member of this project but not an owner." },
    404: { description: "You see no project with this id." },
    409: { description: "The project is archived." },
  },
  async handler({ params, person, actor, audit }) {
    await removePowerSchedule({ person, actor, target: { projectId: params.projectId }, audit });
    return { status: 204 };
  },
});
