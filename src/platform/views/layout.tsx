import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import type { MessageKey } from './i18n.ts';

interface NavItem {
  href: string;
  key: MessageKey;
  adminOnly?: boolean;
  /** Pages below other paths that belong to this item (a contract's pages belong to the Domainverwaltung). */
  also?: string[];
}

const CUSTOMER_NAV: NavItem[] = [
  { href: '/domains', key: 'nav.domains', also: ['/contracts', '/mail-admin'] },
  { href: '/stammdaten', key: 'nav.masterData' },
  { href: '/support', key: 'nav.support' },
  { href: '/sicherheit', key: 'nav.security' },
  { href: '/hilfe', key: 'nav.help' },
];
const STAFF_NAV: NavItem[] = [
  { href: '/staff', key: 'nav.staff.customers', also: ['/staff/mail-accounts', '/staff/domains'] },
  { href: '/staff/tickets', key: 'nav.staff.tickets' },
  { href: '/staff/orders/new', key: 'nav.staff.order' },
  { href: '/staff/hilfe', key: 'nav.staff.help' },
  { href: '/staff/api-tokens', key: 'nav.staff.tokens', adminOnly: true },
  { href: '/staff/audit', key: 'nav.staff.audit', adminOnly: true },
  { href: '/staff/panel-servers', key: 'nav.staff.panelServers', adminOnly: true },
  { href: '/staff/mail-servers', key: 'nav.staff.mailServers', adminOnly: true },
  { href: '/staff/account', key: 'nav.staff.account' },
];

export function Layout(props: { ctx: ViewContext; title: string; children: ComponentChildren; narrow?: boolean; hideNav?: boolean }) {
  const { ctx, title } = props;
  const { t, viewer, branding } = ctx;
  const nav = props.hideNav
    ? []
    : viewer?.kind === 'customer'
      ? CUSTOMER_NAV
      : viewer?.kind === 'staff'
        ? STAFF_NAV.filter((item) => !item.adminOnly || viewer.role === 'admin')
        : [];
  const logoutAction = viewer?.kind === 'staff' ? '/staff/logout' : '/logout';
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${branding.name}`}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
        {branding.primaryColor && <link rel="stylesheet" href={`/branding.css?v=${branding.primaryColor.slice(1)}`} />}
        <script src="/assets/ui.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="topbar">
          <div class="topbar-inner">
            <a class="brand" href={viewer?.kind === 'staff' ? '/staff' : '/'}>
              {branding.logoUrl ? (
                <img class="brand-logo" src={branding.logoUrl} alt={branding.name} />
              ) : (
                <span class="brand-mark" aria-hidden="true">
                  {branding.name.charAt(0).toUpperCase()}
                </span>
              )}
              <span>
                {branding.logoUrl ? null : branding.name} <small>{viewer?.kind === 'staff' ? t('app.staffTagline') : t('app.tagline')}</small>
              </span>
            </a>
            {nav.length > 0 ? (
              // On a phone the navigation folds into "Menü" (a <details>: no script needed); on wider screens it is always open (public/app.css).
              <details class="menu">
                <summary>{t('nav.menu')}</summary>
                <div class="menu-body">
                  <nav aria-label={t('nav.main')} class="mainnav">
                    <ul>
                      {nav.map((item) => (
                        <li>
                          <a href={item.href} aria-current={[item.href, ...(item.also ?? [])].some((href) => isCurrent(ctx.path, href)) ? 'page' : undefined}>
                            {t(item.key)}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </nav>
                  <Tools ctx={ctx} logoutAction={logoutAction} />
                </div>
              </details>
            ) : (
              <Tools ctx={ctx} logoutAction={logoutAction} />
            )}
          </div>
        </header>
        <main id="main" class={props.narrow ? 'narrow' : undefined} tabIndex={-1}>
          {ctx.flash && (
            <p class={`flash flash-${ctx.flash.kind}`} role={ctx.flash.kind === 'error' ? 'alert' : 'status'}>
              {t(ctx.flash.key, ctx.flash.params)}
            </p>
          )}
          {props.children}
        </main>
        <footer class="footer">
          <span>{branding.name}</span>
          {(branding.imprintUrl || branding.privacyUrl) && (
            <ul class="footer-links">
              {branding.imprintUrl && (
                <li>
                  <a href={branding.imprintUrl}>{t('nav.imprint')}</a>
                </li>
              )}
              {branding.privacyUrl && (
                <li>
                  <a href={branding.privacyUrl}>{t('nav.privacy')}</a>
                </li>
              )}
            </ul>
          )}
        </footer>
      </body>
    </html>
  );
}

/** The language switch and, when logged in, the way out. */
function Tools({ ctx, logoutAction }: { ctx: ViewContext; logoutAction: string }) {
  const { t } = ctx;
  const other = ctx.lang === 'de' ? 'en' : 'de';
  return (
    <div class="tools">
      <form method="post" action="/language" class="inline">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="next" value={ctx.path} />
        <input type="hidden" name="lang" value={other} />
        {/* The accessible name starts with what is visible ("English"), as WCAG 2.5.3 asks; the purpose follows unseen. */}
        <button type="submit" class="link">
          <span lang={other}>{other === 'en' ? t('lang.en') : t('lang.de')}</span>
          <span class="visually-hidden"> ({t('lang.switch')})</span>
        </button>
      </form>
      {ctx.viewer && (
        <form method="post" action={logoutAction} class="inline">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class="link">
            {t('nav.logout')}
          </button>
        </form>
      )}
    </div>
  );
}

function isCurrent(path: string, href: string): boolean {
  return href === '/staff' ? path === '/staff' || path.startsWith('/staff/customers') : path === href || path.startsWith(`${href}/`);
}
