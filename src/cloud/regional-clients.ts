/**
 * One SDK client per region, made when a call first needs it and destroyed together: every service
 * ccsql calls (Cloud Control, the registry, the Tagging API) keeps its clients so.
 */

export interface RegionalClients<C> {
  /** The region's client, made on first use. */
  of(region: string): C;
  destroy(): void;
}

export function regionalClients<C extends { destroy(): void }>(make: (region: string) => C): RegionalClients<C> {
  const clients = new Map<string, C>();
  return {
    of(region) {
      let client = clients.get(region);
      if (!client) clients.set(region, (client = make(region)));
      return client;
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
