export { placeFirstOrder, LookalikeDomainsError, type FirstOrderResult, type OrderDeps } from './order.service.ts';
export { FirstOrderInput, StaffOrderForm } from './order.forms.ts';
