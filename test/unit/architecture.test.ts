import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

// The code's shape, checked: no import circles (type imports count), app.ts and config.ts as the
// only composition roots, and features that reach each other only through their public surface.
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const read = (file: string) => readFileSync(`${SRC}${file}`, 'utf8');

/** Which features each feature may use (through their index.ts): imports point downwards only. */
const MAY_USE: Record<string, string[]> = {
  audit: [],
  accounts: ['audit'],
  contracts: [],
  mail: ['accounts', 'audit', 'contracts'],
  orders: ['accounts', 'audit', 'contracts', 'mail'],
  backoffice: ['accounts', 'audit', 'contracts', 'mail', 'support'],
  panel: ['accounts', 'audit', 'contracts', 'mail'],
  help: ['accounts', 'audit', 'contracts', 'mail'],
  support: ['accounts', 'audit', 'contracts', 'help', 'mail'],
  'dns-check': ['accounts', 'contracts', 'mail'],
};
/** A feature's surface for other features: functions and types (index.ts), embeddable components (ui.ts). */
const PUBLIC_FILES = ['index.ts', 'ui.ts'];
const ENTRY_POINTS = ['app.ts', 'cli.ts', 'server.ts', 'main.ts', 'config.ts', 'demo.ts', 'messages.ts'];

let graph: Record<string, string[]>;
let files: string[];

beforeAll(async () => {
  const result = await madge(SRC, {
    fileExtensions: ['ts', 'tsx'],
    detectiveOptions: { ts: { skipTypeImports: false, skipAsyncImports: false }, tsx: { skipTypeImports: false, skipAsyncImports: false } },
  });
  graph = result.obj();
  files = Object.keys(graph);
  circles = result.circular();
}, 60_000);
let circles: string[][] = [];

const featureOf = (file: string) => /^features\/([^/]+)\//.exec(file)?.[1];
const layerOf = (file: string) => (ENTRY_POINTS.includes(file) ? 'entry' : file.split('/')[0]!);

describe('architecture', () => {
  it('sees type-only imports, so the circle check below is real', () => {
    // route-deps.ts is imported only for its types.
    expect(graph['features/mail/mail-route-deps.ts']).toContain('platform/http/route-deps.ts');
    expect(files.length).toBeGreaterThan(100);
  });

  it('has no import circle', () => {
    expect(circles).toEqual([]);
  });

  it('lets only the entry points import app.ts and config.ts', () => {
    const offenders = files.filter((f) => !ENTRY_POINTS.includes(f) && graph[f]!.some((d) => d === 'app.ts' || d === 'config.ts'));
    expect(offenders).toEqual([]);
  });

  it('keeps platform and integrations free of features and entry points', () => {
    const offenders = files
      .filter((f) => f.startsWith('platform/') || f.startsWith('integrations/'))
      .flatMap((f) => graph[f]!.filter((d) => d.startsWith('features/') || layerOf(d) === 'entry' || (f.startsWith('platform/') && d.startsWith('integrations/'))).map((d) => `${f} → ${d}`));
    expect(offenders).toEqual([]);
  });

  it('lets features reach each other only downwards and only through index.ts or ui.ts', () => {
    const offenders = files.flatMap((f) => {
      const own = featureOf(f);
      if (!own) return [];
      return graph[f]!.filter((d) => {
        const other = featureOf(d);
        if (!other || other === own) return false;
        return !MAY_USE[own]?.includes(other) || !PUBLIC_FILES.includes(d.slice(`features/${other}/`.length));
      }).map((d) => `${f} → ${d}`);
    });
    expect(offenders).toEqual([]);
    expect(Object.keys(MAY_USE).sort()).toEqual([...new Set(files.map(featureOf).filter(Boolean))].sort());
  });

  it('gives every feature an index.ts, and its routes plugin to app.ts alone', () => {
    for (const feature of Object.keys(MAY_USE)) expect(files, feature).toContain(`features/${feature}/index.ts`);
    const plugins = files.filter((f) => f.endsWith('.plugin.ts'));
    expect(plugins.length).toBeGreaterThanOrEqual(7);
    const importers = files.filter((f) => graph[f]!.some((d) => plugins.includes(d)));
    expect(importers).toEqual(['app.ts']);
    // The public surface carries no routes and no views.
    for (const index of files.filter((f) => /^features\/[^/]+\/index\.ts$/.test(f))) {
      expect(graph[index]!.filter((d) => /\.(routes|views)\.tsx$|\.plugin\.ts$/.test(d)), index).toEqual([]);
    }
  });

  it('reads the environment only in config.ts', () => {
    const offenders = files.filter((f) => (f.startsWith('features/') || f.endsWith('.routes.tsx')) && /process\.env/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('leaves the platform without feature tables: Database is empty, features merge theirs in', () => {
    expect(read('platform/db/database.ts')).toMatch(/export interface Database \{\}/);
    const featureTables = files
      .filter((f) => /^features\/[^/]+\/[^/]+\.tables\.ts$/.test(f))
      .flatMap((f) => [...(/interface Database \{([^}]*)\}/.exec(read(f))?.[1] ?? '').matchAll(/^\s*(\w+):/gm)].map((m) => m[1]!));
    expect(featureTables).toContain('customers');
    expect(featureTables).toContain('supportTickets');
    const platformFiles = files.filter((f) => f.startsWith('platform/') && !f.startsWith('platform/db/migrations/'));
    const offenders = platformFiles.flatMap((f) => {
      const text = read(f);
      return featureTables.filter((table) => new RegExp(`['"\`]${table}['"\`.]`).test(text)).map((table) => `${f} names ${table}`);
    });
    expect(offenders).toEqual([]);
  });

  it('leaves the platform without feature texts: each feature keeps its own catalog pair', async () => {
    expect(readdirSync(`${SRC}platform/views/messages`).sort()).toEqual(['platform.de.ts', 'platform.en.ts']);
    const { platformDe } = await import('../../src/platform/views/messages/platform.de.ts');
    const platformKeys = Object.keys(platformDe);
    expect(platformKeys.filter((k) => !/^(app|nav|lang|error|common|password|limits|session)\./.test(k))).toEqual([]);

    const featureKeys = new Map<string, string>();
    const duplicates: string[] = [];
    for (const feature of Object.keys(MAY_USE).filter((f) => files.includes(`features/${f}/messages.de.ts`))) {
      const de: Record<string, string> = Object.values(await import(`../../src/features/${feature}/messages.de.ts`))[0] as Record<string, string>;
      const en: Record<string, string> = Object.values(await import(`../../src/features/${feature}/messages.en.ts`))[0] as Record<string, string>;
      expect(Object.keys(en).sort(), feature).toEqual(Object.keys(de).sort());
      for (const key of Object.keys(de)) {
        if (featureKeys.has(key) || platformKeys.includes(key)) duplicates.push(`${key} (${feature})`);
        featureKeys.set(key, feature);
      }
    }
    expect(duplicates).toEqual([]);
    // Platform code uses only its own texts.
    const offenders = files
      .filter((f) => f.startsWith('platform/') && !f.startsWith('platform/views/messages/'))
      .flatMap((f) => [...read(f).matchAll(/'([a-zA-Z]+\.[\w.]+)'/g)].map((m) => m[1]!).filter((k) => featureKeys.has(k)).map((k) => `${f} uses ${k}`));
    expect(offenders).toEqual([]);

    const { catalogs } = await import('../../src/messages.ts');
    expect(Object.keys(catalogs.de).length).toBe(platformKeys.length + featureKeys.size);
  });

  it('lets each feature query only its own tables and the platform tables; others go through the owner', () => {
    const ownerOf = new Map<string, string>();
    for (const f of files.filter((file) => /^(features\/[^/]+\/[^/]+|platform\/db\/platform)\.tables\.ts$/.test(file))) {
      const owner = featureOf(f) ?? 'platform';
      for (const m of (/interface Database \{([^}]*)\}/.exec(read(f))?.[1] ?? '').matchAll(/^\s*(\w+):/gm)) ownerOf.set(m[1]!, owner);
    }
    const offenders = files.flatMap((f) => {
      const own = featureOf(f);
      if (!own) return [];
      return [...read(f).matchAll(/\b(?:selectFrom|innerJoin|leftJoin|rightJoin|fullJoin|insertInto|updateTable|deleteFrom)\(\s*'(\w+)'/g)]
        .map((m) => m[1]!)
        .filter((table) => ownerOf.get(table) !== own && ownerOf.get(table) !== 'platform')
        .map((table) => `${f} queries ${table}`);
    });
    expect(ownerOf.size).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });
});
