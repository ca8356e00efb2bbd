import type { limitsDe } from './limits.de.ts';

export const limitsEn: Record<keyof typeof limitsDe, string> = {
  'limits.tooManyRequests': 'Too many requests in a short time. Please try again in {minutes} minutes.',
  'limits.tooManySearches': 'Too many searches in a short time. Please try again in {minutes} minutes.',
  'limits.tooManyTickets': 'You have opened many tickets in a short time. Please try again later – your text stays here.',
};
