/** The panel's routes plugin, for app.ts only; other features use index.ts. */
export { panelRoutes as panelPlugin, type PanelRouteDeps } from './panel.routes.tsx';
