export { placeFirstOrder, type FirstOrderResult, type OrderDeps } from './order.service.ts';
export { FirstOrderInput, StaffOrderForm } from './order.forms.ts';
