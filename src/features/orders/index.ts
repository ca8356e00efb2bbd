export { placeFirstOrder, LookalikeDomainsError, type FirstOrderResult, type OrderedBy } from './order.service.ts';
export { FirstOrderInput, ORDER_MASTER_DATA_FIELDS, type OrderMasterData } from './order.forms.ts';
export type { OrderChannel } from './orders.tables.ts';
