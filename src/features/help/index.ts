export { seedHelp } from './seed.ts';
export { completeSearchIndex, searchHelp, type SearchOutcome, type SearchResult } from './help.service.ts';
