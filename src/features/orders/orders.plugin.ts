/** The order routes (JSON API and back-office form), for app.ts only; other features use index.ts. */
export { orderRoutes as ordersPlugin, type OrderRouteDeps } from './order.routes.tsx';
