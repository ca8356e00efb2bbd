export { supportRoutes } from './support.routes.tsx';
export { staffTicketRoutes } from './staff-tickets.routes.tsx';
export { runSupportMaintenance } from './ticket.service.ts';
export { loadSupportConfig, type SupportConfig } from './support.config.ts';
export { parseTicketNumber, formatTicketNumber } from './ticket-number.ts';

import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.ts';
import { supportRoutes as customerSide } from './support.routes.tsx';
import { staffTicketRoutes as staffSide } from './staff-tickets.routes.tsx';

/** The whole SupportCenter, customer and staff side, as one plugin for app.ts. */
export async function supportCenter(app: FastifyInstance, deps: RouteDeps) {
  await app.register(customerSide, deps);
  await app.register(staffSide, deps);
}
