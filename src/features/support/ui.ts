/** Support's components that other features' pages embed (the back office's staff home and customer page). */
export { StaffTicketTable, WorkloadTable } from './staff-overview.views.tsx';
