// Start-up with user specs: a directory of specs, API names, and specs that are refused with one line and exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMock } from '../../src/load/node.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PETSTORE = readFileSync('test/fixtures/engine/petstore-expanded.yaml', 'utf8');

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Runs `serve` expecting a refusal: exit 2, exactly one line on stderr, nothing listening. */
async function refused(args: string[]): Promise<string> {
  const res = await runCliCaptured(['serve', ...args, '--port', '0', '--quiet']);
  expect(res.code).toBe(2);
  expect(res.out).not.toContain('listening');
  const lines = res.err.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

describe('serve --specs with specs the project has never seen', () => {
  it('a directory serves every spec in it, named from its file, with its title', async () => {
    const mock = await loadMock({ specs: ['test/fixtures/engine'] });
    expect(mock.specs.map((s) => [s.id, s.title])).toEqual([
      ['github', 'GitHub Enterprise Cloud SCIM API (extract)'],
      ['petstore', 'Swagger Petstore'],
    ]);
  });

  it('two specs whose file names start alike are both served, the second named by its whole file name', async () => {
    const a = write('acme-billing.yaml', PETSTORE.replace('http://petstore.swagger.io/api', 'http://x/billing'));
    const b = write('acme-users.yaml', PETSTORE.replace('http://petstore.swagger.io/api', 'http://x/users'));
    const mock = await loadMock({ specs: [a, b] });
    expect(mock.specs.map((s) => s.id)).toEqual(['acme', 'acme-users']);
  });

  it('two specs on the same base path are refused with one line naming both', async () => {
    const a = write('pets-one.yaml', PETSTORE);
    const b = write('pets-two.yaml', PETSTORE);
    const line = await refused(['--specs', a, '--specs', b]);
    expect(line).toMatch(/pets-two\.yaml: base path '\/api' is already served by .*pets-one\.yaml/);
  });

  it('a spec with a cyclic $ref is refused with the cycle and where it starts', async () => {
    const cyclic = PETSTORE.replace(
      '    Error:\n',
      "    Loop:\n      $ref: '#/components/schemas/Loop2'\n    Loop2:\n      $ref: '#/components/schemas/Loop'\n    Error:\n",
    ).replace("              $ref: '#/components/schemas/NewPet'", "              $ref: '#/components/schemas/Loop'");
    const line = await refused(['--specs', write('cyclic.yaml', cyclic)]);
    expect(line).toMatch(
      /cyclic\.yaml: cyclic \$ref #\/components\/schemas\/Loop → #\/components\/schemas\/Loop2 → #\/components\/schemas\/Loop at #\/paths/,
    );
  });

  it('a 5 MB spec is refused with its size and the limit', async () => {
    const huge = PETSTORE.replace('description: A sample API', `description: ${'x'.repeat(5 * 1024 * 1024)} A sample API`);
    const line = await refused(['--specs', write('huge.yaml', huge)]);
    expect(line).toMatch(/huge\.yaml: is 5\.0 MB; specs over 4\.0 MB are refused/);
  });
});
