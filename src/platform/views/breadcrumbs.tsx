import type { ViewContext } from './context.ts';

export interface Crumb {
  label: string;
  /** Absent on the page itself (the last crumb). */
  href?: string;
}

/** "Domainverwaltung › Vertrag 500001 › E-Mail-Administration › Postfach …" above a page two or more levels deep. */
export function Breadcrumbs({ ctx, items }: { ctx: ViewContext; items: Crumb[] }) {
  if (items.length < 2) return null;
  return (
    <nav aria-label={ctx.t('nav.breadcrumb')} class="breadcrumbs">
      <ol>
        {items.map((item, index) =>
          index === items.length - 1 ? <li aria-current="page">{item.label}</li> : <li>{item.href ? <a href={item.href}>{item.label}</a> : item.label}</li>,
        )}
      </ol>
    </nav>
  );
}
