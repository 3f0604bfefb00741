/**
 * `npm run new-module -- <name>`: writes a working module in every layer, wired in, so it passes lint,
 * typecheck, the authorisation matrix, the fuzzer and the race check as generated. Then edit it into
 * the module you need (docs/adding-a-module.md). <name> is kebab-case and plural: "risks", "demo-widgets".
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractTemplate, migrationTemplate } from './new-module/contract-template.ts';
import { moduleNames, type ModuleNames } from './new-module/names.ts';
import { policyTemplate, repoTemplate, routesTemplate, serviceTemplate } from './new-module/server-templates.ts';
import { inventoryTemplate, moduleTestTemplate } from './new-module/test-templates.ts';
import { webApiTemplate, webPageTemplate } from './new-module/web-templates.ts';
import { writeSchemaFile } from './gen-schema.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Inserts text before the line holding `// new-module: <slot>` in a file, keeping that line's indent. */
function insertAtMarker(file: string, slot: string, text: string): void {
  const path = join(root, file);
  const source = readFileSync(path, 'utf8');
  const marker = `// new-module: ${slot}`;
  const at = source.indexOf(marker);
  if (at < 0) throw new Error(`${file} has no "${marker}" line; add it where new ${slot} go.`);
  const lineStart = source.lastIndexOf('\n', at) + 1;
  const indent = source.slice(lineStart, at);
  const block = text
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n');
  writeFileSync(path, `${source.slice(0, lineStart)}${block}\n${source.slice(lineStart)}`);
}

function writeNew(file: string, text: string, written: string[]): void {
  const path = join(root, file);
  if (existsSync(path)) throw new Error(`${file} already exists; choose another module name or remove it first.`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  written.push(file);
}

function nextMigration(n: ModuleNames): string {
  const dir = 'apps/server/src/db/migrations';
  const versions = readdirSync(join(root, dir))
    .filter((f) => /^\d{4}_/.test(f))
    .map((f) => Number.parseInt(f.slice(0, 4), 10));
  return `${dir}/${String(Math.max(0, ...versions) + 1).padStart(4, '0')}_${n.snake}.sql`;
}

/**
 * The navigation label of the module: a "Coming soon" entry with the module's path is taken over
 * (and removed, as the module now ships); otherwise the title.
 */
function takeComingSoonLabel(n: ModuleNames): string {
  const file = join(root, 'apps/web/src/shell/nav-config.ts');
  const source = readFileSync(file, 'utf8');
  const line = new RegExp(`^\\s*\\{ label: '([^']+)', path: '/${n.kebab}', isComingSoon: true \\},\\n`, 'm');
  const match = line.exec(source);
  if (!match) return n.title;
  writeFileSync(file, source.replace(line, ''));
  return match[1] ?? n.title;
}

/** Writes every file of the module and wires it in; returns the files written and the files edited. */
export function generateModule(name: string): { written: string[]; edited: string[] } {
  const n = moduleNames(name);
  const server = `apps/server/src/modules/${n.kebab}`;
  const written: string[] = [];
  writeNew(`packages/shared/src/contracts/${n.kebab}.ts`, contractTemplate(n), written);
  writeNew(nextMigration(n), migrationTemplate(n), written);
  writeNew(`${server}/${n.kebab}.repo.ts`, repoTemplate(n), written);
  writeNew(`${server}/${n.kebab}.policy.ts`, policyTemplate(n), written);
  writeNew(`${server}/${n.kebab}.service.ts`, serviceTemplate(n), written);
  writeNew(`${server}/${n.kebab}.routes.ts`, routesTemplate(n), written);
  writeNew(`${server}/${n.kebab}.test.ts`, moduleTestTemplate(n), written);
  writeNew(`apps/server/test/harness/inventory/${n.kebab}.ts`, inventoryTemplate(n), written);
  writeNew(`apps/web/src/features/${n.kebab}/${n.kebab}-api.ts`, webApiTemplate(n), written);
  writeNew(`apps/web/src/features/${n.kebab}/${n.kebab}-page.tsx`, webPageTemplate(n), written);
  const one = `${/^[aeiou]/.test(n.oneWords) ? 'an' : 'a'} ${n.oneWords}`;
  const oneTitle = n.oneWords.charAt(0).toUpperCase() + n.oneWords.slice(1);
  const edits: Array<[string, string, string]> = [
    ['packages/shared/src/permissions.ts', 'permissions', `'${n.snake}.read': readers,\n'${n.snake}.write': editors,`],
    [
      'packages/shared/src/domain/audit-wording.ts',
      'audit sentences',
      [
        `'${n.snake}.created': { title: '${oneTitle} added', says: () => 'added ${one}' },`,
        `'${n.snake}.updated': { title: '${oneTitle} changed', says: () => 'changed ${one}' },`,
        `'${n.snake}.deleted': { title: '${oneTitle} deleted', says: () => 'deleted ${one}' },`,
      ].join('\n'),
    ],
    ['apps/server/src/http/route-table.ts', 'imports', `import { ${n.camel}Routes } from '../modules/${n.kebab}/${n.kebab}.routes.ts';`],
    ['apps/server/src/http/route-table.ts', 'routes', `...${n.camel}Routes,`],
    ['apps/server/test/harness/inventory/all.ts', 'imports', `import { ${n.camel}Canaries, ${n.camel}Inventory } from './${n.kebab}.ts';`],
    ['apps/server/test/harness/inventory/all.ts', 'inventory', `...${n.camel}Inventory,`],
    ['apps/server/test/harness/inventory/all.ts', 'canaries', `...${n.camel}Canaries,`],
    ['apps/web/src/routes.tsx', 'imports', `import { ${n.pascal}Page } from './features/${n.kebab}/${n.kebab}-page.tsx';`],
    ['apps/web/src/routes.tsx', 'routes', `{ path: '/${n.kebab}', render: () => <${n.pascal}Page />, permission: '${n.snake}.read' },`],
    ['apps/web/src/shell/nav-config.ts', 'nav', `{ label: '${takeComingSoonLabel(n).replace(/'/g, "\\'")}', path: '/${n.kebab}', permission: '${n.snake}.read' },`],
  ];
  for (const [file, slot, text] of edits) insertAtMarker(file, slot, text);
  return { written, edited: [...new Set(edits.map(([file]) => file))] };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const name = process.argv[2];
  if (!name) {
    process.stderr.write('Usage: npm run new-module -- <name>   (kebab-case and plural, e.g. risks or demo-widgets)\n');
    process.exit(2);
  }
  try {
    const { written, edited } = generateModule(name);
    await writeSchemaFile();
    process.stdout.write(`Wrote:\n${written.map((f) => `  ${f}`).join('\n')}\nWired into:\n${[...edited, 'apps/server/src/db/schema.ts (regenerated)'].map((f) => `  ${f}`).join('\n')}\n`);
    process.stdout.write('Next: npm run lint && npm run typecheck, then read docs/adding-a-module.md.\n');
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
