// Times the contract runner's full suite against a running mock. Prints one JSON object on stdout.
// Usage: node bench/contract-bench.js <target-url>
import { performance } from 'node:perf_hooks';
import { loadSpecs } from '../dist/load/node.js';
import { runContract } from '../dist/contract/run-contract.js';

const target = process.argv[2];
if (!target || !/^http:\/\/127\.0\.0\.1:\d+$/.test(target)) {
  process.stderr.write('usage: node bench/contract-bench.js http://127.0.0.1:<port>\n');
  process.exit(2);
}
const importedMs = performance.now();
const t0 = performance.now();
const specs = await loadSpecs(undefined);
const t1 = performance.now();
const report = await runContract({ target, specs });
const t2 = performance.now();
process.stdout.write(
  JSON.stringify({
    importMs: importedMs,
    loadSpecsMs: t1 - t0,
    runMs: t2 - t1,
    processMs: t2,
    summary: report.summary,
    failed: report.steps
      .filter((st) => st.error || st.violations.length > 0)
      .map((st) => ({ id: st.id, status: st.status, error: st.error, violations: st.violations.map((v) => v.message ?? v.check) })),
  }) + '\n',
);
