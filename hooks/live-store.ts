"use client";

import { useSyncExternalStore } from "react";

/** The latest views a live stream sent, by id, for components that each read one of them. */
export class LiveStore<T extends { id: string }> {
  private views = new Map<string, T>();
  private listeners = new Set<() => void>();
  get = (id: string) => this.views.get(id);
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(views: T[], replace = false) {
    if (replace) this.views = new Map();
    for (const view of views) this.views.set(view.id, view);
    for (const listener of this.listeners) listener();
  }
  remove(id: string) {
    this.views.delete(id);
    for (const listener of this.listeners) listener();
  }
}

const noStore = () => () => {};

/** One view from the store, or undefined until the stream has sent it (and on the server). */
export function useLiveEntry<T extends { id: string }>(
  store: LiveStore<T> | null,
  id: string,
): T | undefined {
  return useSyncExternalStore(
    store?.subscribe ?? noStore,
    () => store?.get(id),
    () => undefined,
  );
}
