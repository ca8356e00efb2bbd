/** Abuse limits: texts shown when a budget of requests is spent. */
export const limitsDe = {
  'limits.tooManyRequests': 'Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es in {minutes} Minuten erneut.',
  'limits.tooManySearches': 'Zu viele Suchanfragen in kurzer Zeit. Bitte versuchen Sie es in {minutes} Minuten erneut.',
  'limits.tooManyTickets': 'Sie haben in kurzer Zeit viele Tickets eröffnet. Bitte versuchen Sie es später erneut – Ihr Text bleibt hier stehen.',
};
