/** Where `npm run build` writes the bundle. */
export const BUNDLE: string;
/** Bundles the app into dist/hostdesk.mjs; resolves to its path. */
export function buildBundle(): Promise<string>;
