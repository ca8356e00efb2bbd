// `npm run build` (and the first half of `npm start`): bundles the app's TypeScript into one ES
// module, dist/hostdesk.mjs, that plain `node` runs. The dependencies stay in node_modules.
// Why a bundle and not tsx: tsx's loader runs in a second V8 isolate and keeps the transformed
// sources, about 45 MB of a server's resident memory (docs/performance.md, "Memory"); esbuild
// takes well under a second, so `npm start` still runs the current sources.
import { build } from 'esbuild';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = fileURLToPath(new URL('../dist/hostdesk.mjs', import.meta.url));

/**
 * The help articles are Markdown files beside the sources (src/features/help/content/articles/);
 * the module that reads them from disk is replaced by one with their text inlined, so the bundle
 * seeds the same articles without a content folder next to it.
 */
const inlineHelpArticles = {
  name: 'inline-help-articles',
  setup(b) {
    b.onLoad({ filter: /[\\/]features[\\/]help[\\/]content[\\/]article-files\.ts$/ }, async (args) => {
      const dir = join(dirname(args.path), 'articles');
      const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
      const files = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
      return {
        contents: `export function readArticleFiles() { return ${JSON.stringify(files)}; }\n`,
        loader: 'js',
        watchFiles: names.map((name) => join(dir, name)),
        watchDirs: [dir],
      };
    });
  },
};

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
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [inlineHelpArticles],
  });
  return BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundle();
