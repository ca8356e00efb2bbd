import type { ComponentChildren } from 'preact';

export interface Column<Row> {
  /** The column heading, also shown beside the value when the table stacks on a phone. */
  label: string;
  cell(row: Row): ComponentChildren;
  /** The row's name (a `<th scope="row">`): the first thing read of each row. */
  rowHeader?: boolean;
  /** Buttons and links; right-aligned on wide screens, never hidden on narrow ones. */
  actions?: boolean;
}

/**
 * A table of rows that becomes stacked "label: value" cards on narrow screens (public/app.css,
 * `.table.stack`), so that no row pushes its action off a phone's screen.
 */
export function DataTable<Row>(props: { columns: Column<Row>[]; rows: Row[]; caption?: string; empty?: ComponentChildren; compact?: boolean; class?: string }) {
  if (props.rows.length === 0 && props.empty !== undefined) return <p class="muted">{props.empty}</p>;
  const classes = ['table', 'stack', props.compact ? 'compact' : '', props.class ?? ''].filter(Boolean).join(' ');
  return (
    <div class="table-wrap">
      <table class={classes}>
        {props.caption && <caption class="visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" class={column.actions ? 'right' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((column) =>
                column.rowHeader ? (
                  <th scope="row" data-label={column.label}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td data-label={column.actions ? undefined : column.label} class={column.actions ? 'right actions-cell' : undefined}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
