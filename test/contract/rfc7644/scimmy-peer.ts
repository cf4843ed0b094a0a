// Test peer: an independent SCIM server built with scimmy + scimmy-routers (as their READMEs show), in memory, on 127.0.0.1:0.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

type Stored = Record<string, unknown> & { id: string; meta: { created: Date; lastModified: Date } };

/** The handler-registration surface of a declared scimmy resource type, typed loosely enough for both kinds. */
interface DeclaredResource {
  ingress(handler: (resource: { id?: string }, instance: Record<string, unknown>) => Stored): DeclaredResource;
  egress(handler: (resource: { id?: string; filter?: { match(values: unknown[]): unknown[] } }) => Stored | Stored[]): DeclaredResource;
  degress(handler: (resource: { id?: string }) => void): DeclaredResource;
}

/**
 * Declares in-memory User and Group handlers the way an integrator does: filter with scimmy's own Filter.match,
 * refuse a duplicate userName with 409 uniqueness, 404 for unknown ids; paging and sorting are scimmy's.
 */
function declareResources(): void {
  const stores = { User: new Map<string, Stored>(), Group: new Map<string, Stored>() };
  let next = 1;
  for (const kind of ['User', 'Group'] as const) {
    const store = stores[kind];
    // One handler set serves both kinds; scimmy's typings (per-schema instance types) cannot type that.
    (SCIMMY.Resources.declare(SCIMMY.Resources[kind]) as unknown as DeclaredResource)
      .ingress((resource: { id?: string }, instance: Record<string, unknown>) => {
        const userName = String(instance.userName ?? '').toLowerCase();
        const clash = [...store.values()].find(
          (r) => kind === 'User' && r.id !== resource.id && String(r.userName).toLowerCase() === userName,
        );
        if (clash) throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${String(instance.userName)} is already in use`);
        const existing = resource.id ? store.get(resource.id) : undefined;
        if (resource.id && !existing) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
        const now = new Date();
        const id = existing?.id ?? String(next++).padStart(8, '0');
        const stored: Stored = { ...instance, id, meta: { created: existing?.meta.created ?? now, lastModified: now } };
        store.set(id, stored);
        return stored;
      })
      .egress((resource: { id?: string; filter?: { match(values: unknown[]): unknown[] } }) => {
        if (resource.id) {
          const found = store.get(resource.id);
          if (!found) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
          return found;
        }
        const all = [...store.values()];
        return (resource.filter ? resource.filter.match(all) : all) as Stored[];
      })
      .degress((resource: { id?: string }) => {
        if (!resource.id || !store.delete(resource.id)) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
      });
  }
}

export interface ScimmyPeer {
  /** The SCIM base URL (`http://127.0.0.1:<port>/scim`). */
  base: string;
  close(): Promise<void>;
}

let declared = false;

/**
 * Starts a peer. scimmy keeps its declarations in a module singleton (and test files share modules), so the resources
 * are declared once and every peer serves the same store; runs keep apart by their own userName tags.
 */
export async function startScimmyPeer(): Promise<ScimmyPeer> {
  if (!declared) {
    SCIMMY.Config.set({ patch: true, filter: true, sort: true, bulk: true });
    declareResources();
    declared = true;
  }
  const app = express();
  app.use(
    '/scim',
    new SCIMMYRouters({
      type: 'bearer',
      handler: (req: express.Request) => {
        if (!req.header('Authorization')?.startsWith('Bearer ')) throw new Error('Authorization not detected!');
        return 'profile-tester';
      },
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/scim`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
