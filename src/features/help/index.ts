export { helpRoutes } from './help.routes.tsx';
export { staffHelpRoutes } from './staff-help.routes.tsx';
export { seedHelp } from './seed.ts';
export { completeSearchIndex, searchHelp, type SearchOutcome, type SearchResult } from './help.service.ts';
