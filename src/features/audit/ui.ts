/** Audit's components that other features' pages embed (views stay out of index.ts). */
export { describeSecurityEvent, SecurityEventsTable, type SecurityEvent } from './security-events.views.tsx';
export { describeParty, type PartyNames } from './parties.ts';
