// Spots APIs that answered 404 to every request and asks once more without the base path, to suggest a working base.
import type { ApiSpec } from '../spec/index.js';
import type { NotFoundFinding } from './judge-run.js';
import type { ContractTarget } from './target.js';
import type { StepResult } from './types.js';

/**
 * For each API whose every answered step was 404, resends its first such GET (or any first request) with the spec's
 * base path removed from the URL; when that answers something other than 404, the target most likely serves the
 * API at its root (as `prism mock` does), and the finding says where.
 */
export async function findNotFoundApis(
  target: ContractTarget,
  specs: ApiSpec[],
  steps: StepResult[],
  apiBase: Map<string, string>,
): Promise<NotFoundFinding[]> {
  const out: NotFoundFinding[] = [];
  for (const spec of specs) {
    const answered = steps.filter((s) => s.apiId === spec.id && s.status !== undefined);
    if (answered.length === 0 || answered.some((s) => s.status !== 404)) continue;
    const base = apiBase.get(spec.id) ?? `${target.baseUrl}${spec.basePath}`;
    const finding: NotFoundFinding = { apiId: spec.id, base, requests: answered.length, basePath: spec.basePath };
    const sample = answered.find((s) => s.method === 'GET') ?? answered[0];
    const path = sample ? new URL(sample.url).pathname : '';
    if (sample && spec.basePath && path.startsWith(spec.basePath)) {
      const retry = new URL(sample.url);
      retry.pathname = path.slice(spec.basePath.length) || '/';
      const res = await target.send({ method: sample.method, url: retry.toString(), headers: { accept: 'application/json, */*' } });
      if (res.ok && res.status !== 404) finding.answersAt = base.slice(0, base.length - spec.basePath.length);
    }
    out.push(finding);
  }
  return out;
}
