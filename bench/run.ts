/**
 * `npm run bench`: runs the benchmarks listed here (all, or those named on the command line,
 * e.g. `npm run bench -- help-search`). Benchmarks report numbers; they are not tests.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  'help-search': async () => (await import('./help-search.ts')).runHelpSearchBench(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  await bench();
}
