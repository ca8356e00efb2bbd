export { runSupportMaintenance } from './ticket.service.ts';
export { loadSupportConfig, type SupportConfig } from './support.config.ts';
export { parseTicketNumber, formatTicketNumber } from './ticket-number.ts';
export type { SupportTicket, TicketCategory, TicketPriority, TicketState } from './support.tables.ts';
export { ticketWorkload, listTicketsOfCustomer, findTickets, type TicketWorkload } from './staff-overview.ts';
export type { TicketView } from './ticket.repository.ts';
