export { seedHelp, updateSeededHelp } from './seed.ts';
export { completeSearchIndex, searchHelp, type SearchOutcome, type SearchResult } from './help.service.ts';
export type { HelpEntry, HelpRevision } from './help.tables.ts';
