export { placeFirstOrder, LookalikeDomainsError, type FirstOrderResult, type OrderDeps } from './order.service.ts';
export { FirstOrderInput, StaffOrderForm } from './order.forms.ts';
export type { OrderChannel } from './orders.tables.ts';
