/**
 * The back office's public surface: empty. It sits at the top of the features, uses accounts,
 * contracts and mail through their index.ts, and offers nothing to the others; its routes plugin
 * (backoffice.plugin.ts) is for app.ts.
 */
export {};
