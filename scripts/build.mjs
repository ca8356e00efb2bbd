// `npm run build` (and the first half of `npm start`): bundles the app's TypeScript into one ES
// module, dist/hostdesk.mjs, that plain `node` runs. The dependencies stay in node_modules.
// Why a bundle and not tsx: tsx's loader runs in a second V8 isolate and keeps the transformed
// sources, about 45 MB of a server's resident memory (docs/performance.md, "Memory"); esbuild
// takes well under a second, so `npm start` still runs the current sources.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = fileURLToPath(new URL('../dist/hostdesk.mjs', import.meta.url));

export async function buildBundle() {
  await build({
    stdin: { contents: "import { main } from './src/cli.ts';\nawait main(process.argv.slice(2));\n", resolveDir: root, sourcefile: 'hostdesk-entry.ts', loader: 'ts' },
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundle();
