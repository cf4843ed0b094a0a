// Finds a spec's overlay (the file beside it, or its x-scimulator extension) and builds the engine's policy of every
// spec without a hand-written one. Node-only (reads the overlay files).
import { existsSync, readFileSync } from 'node:fs';
import { checkOverlay, type AnyPolicy, type Overlay } from '../engine/index.js';
import type { ApiSpec } from '../spec/index.js';
import { lineOf, parseLocatedYaml } from '../spec/node.js';
import { inferPolicy } from './assemble-mock.js';
import { parseOverlay } from './parse-overlay-file.js';

/** Overlay files looked for beside `api.yaml`: `api.scimulator.yaml`, `.yml`, `.json`. */
export function overlayCandidates(specFile: string): string[] {
  const stem = specFile.replace(/\.(ya?ml|json)$/i, '');
  return [`${stem}.scimulator.yaml`, `${stem}.scimulator.yml`, `${stem}.scimulator.json`];
}

/** The overlay of a spec: the file beside it wins over an `x-scimulator` extension in the document. */
export function findOverlay(spec: ApiSpec): Overlay | undefined {
  const file = overlayCandidates(spec.file).find((f) => existsSync(f));
  if (file) return parseOverlay(readFileSync(file, 'utf8'), file);
  const inline = spec.document['x-scimulator'];
  if (inline === undefined) return undefined;
  // Lines are only worth a second parse of the spec when the extension is wrong.
  const lineFor = (pointer: string) => {
    try {
      return lineOf(parseLocatedYaml(readFileSync(spec.file, 'utf8')), `/x-scimulator${pointer}`);
    } catch {
      return undefined;
    }
  };
  return checkOverlay(inline, spec.file, lineFor);
}

/** Inferred policies for the specs no given policy covers; a wrong overlay throws `OverlayError` (one line). */
export function inferMissingPolicies(specs: ApiSpec[], given: AnyPolicy[]): AnyPolicy[] {
  return specs.filter((s) => !given.some((p) => p.id === s.id)).map((spec) => inferPolicy(spec, findOverlay(spec)));
}
