"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useMemo, useRef } from "react";
import type { LiveVmView } from "@/lib/live/live-view";
import { LiveStore, useLiveEntry } from "./live-store";

/** What the server rendered of a VM: a change to any of it needs the page rendered again. */
export interface RenderedVm {
  id: string;
  state: LiveVmView["state"];
  /** The state the page shows (VM page: its controls depend on it); omit where a badge follows it alone. */
  shown?: string;
  leaseExpiresAt: string | null;
  node: string | null;
}

export interface LiveVmsOptions {
  scope: "own" | "admin";
  vmId?: string;
  rendered: RenderedVm[];
  /** A filtered list leaves out VMs it did not render; an unfiltered one renders again to show them. */
  others?: "render" | "ignore";
}

/** The dashboard shows "missing"; a VM's page keeps the record's state then; admin lists show the record's. */
export type ShownStateRule = "dashboard" | "page" | "record";

export function shownState(view: Pick<LiveVmView, "live" | "state">, rule: ShownStateRule): string {
  if (rule === "record") return view.state;
  if (rule === "page") return view.live && view.live !== "missing" ? view.live : view.state;
  return view.live ?? view.state;
}

type LiveVmStore = LiveStore<LiveVmView>;

const LiveVmsContext = createContext<LiveVmStore | null>(null);
export const LiveVmsStoreProvider = LiveVmsContext.Provider;

function needsRender(view: LiveVmView, rendered: RenderedVm | undefined): boolean {
  if (!rendered) return true;
  if (rendered.shown !== undefined && shownState(view, "page") !== rendered.shown) return true;
  return (
    view.state !== rendered.state ||
    view.leaseExpiresAt !== rendered.leaseExpiresAt ||
    view.node !== rendered.node
  );
}

/**
 * One EventSource on /api/live for the page: views land in a store that badges and progress read, and a
 * change the browser cannot draw (a new VM, a new state, a lease) renders the page once more, never on a timer.
 */
export function useLiveVmsStream({ scope, vmId, rendered, others = "render" }: LiveVmsOptions): LiveVmStore {
  const router = useRouter();
  const store = useMemo(() => new LiveStore<LiveVmView>(), []);
  const renderedById = useRef(new Map<string, RenderedVm>());
  const refreshing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    renderedById.current = new Map(rendered.map((vm) => [vm.id, vm]));
    if (refreshing.current) clearTimeout(refreshing.current);
    refreshing.current = null;
  }, [rendered]);

  useEffect(() => {
    const needsRenderHere = (view: LiveVmView) => {
      const shown = renderedById.current.get(view.id);
      return shown || others === "render" ? needsRender(view, shown) : false;
    };
    const refreshOnce = () => {
      // Coalesces a burst of changes into one render; a new render lifts it (the effect above).
      refreshing.current ??= setTimeout(() => router.refresh(), 250);
    };
    const params = new URLSearchParams({ scope, ...(vmId ? { vm: vmId } : {}) });
    const source = new EventSource(`/api/live?${params}`);
    source.addEventListener("snapshot", (event) => {
      const { vms } = JSON.parse((event as MessageEvent<string>).data) as { vms: LiveVmView[] };
      store.set(vms, true);
      const seen = new Set(vms.map((view) => view.id));
      if (vms.some(needsRenderHere) || [...renderedById.current.keys()].some((id) => !seen.has(id)))
        refreshOnce();
    });
    source.addEventListener("vm", (event) => {
      const view = JSON.parse((event as MessageEvent<string>).data) as LiveVmView;
      store.set([view]);
      if (needsRenderHere(view)) refreshOnce();
    });
    source.addEventListener("removed", (event) => {
      const { id } = JSON.parse((event as MessageEvent<string>).data) as { id: string };
      store.remove(id);
      if (renderedById.current.has(id)) refreshOnce();
    });
    return () => {
      source.close();
      if (refreshing.current) clearTimeout(refreshing.current);
    };
  }, [scope, vmId, others, store, router]);
  return store;
}

/** The latest view of this VM from the page's live stream, or undefined until the stream has it. */
export function useLiveVm(id: string): LiveVmView | undefined {
  return useLiveEntry(useContext(LiveVmsContext), id);
}
