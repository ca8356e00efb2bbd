export { placeFirstOrder, LookalikeDomainsError, type FirstOrderResult, type OrderedBy } from './order.service.ts';
export { FirstOrderInput } from './order.forms.ts';
export type { OrderChannel } from './orders.tables.ts';
