// Overlay `stores`: state-only record collections (no operation lists or reads them) that actions and hooks work on.
import type { Overlay } from './parse-overlay.js';
import type { Resource, ResourceModel } from './types.js';

/** The model with one operation-less collection per store, so fixtures seed it and bulk actions and hooks reach it. */
export function addStores(model: ResourceModel, overlay: Overlay | undefined): ResourceModel {
  const stores = Object.entries(overlay?.stores ?? {});
  if (stores.length === 0) return model;
  const added = stores.map(([name, store]): Resource => ({
    name,
    kind: 'collection',
    collectionPath: '',
    parentParams: [],
    id: { param: store.id, property: store.id, type: store.integer ? 'integer' : 'string' },
    operations: [],
    secretFields: [],
  }));
  return { ...model, resources: [...model.resources, ...added] };
}

/** The fixture-section schema of a store: an array of its records (each checked against the store's `schema`). */
export function storeFixtureSchema(overlay: Overlay | undefined, name: string): Record<string, unknown> | undefined {
  const store = overlay?.stores?.[name];
  return store ? { type: 'array', items: store.schema ?? { type: 'object' } } : undefined;
}

/** Whether a resource is a store (its records are not what the API creates: the record cap does not count them). */
export const isStore = (overlay: Overlay | undefined, name: string): boolean => overlay?.stores?.[name] !== undefined;
