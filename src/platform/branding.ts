import { z } from 'zod';

/**
 * The host's own name, logo, colour and legal links (a German host must link its Impressum and
 * Datenschutzerklärung from every page). All optional: without them the product is "Hostdesk".
 */
export interface Branding {
  /** Shown instead of "Hostdesk" in the header, page titles and the default mail sender name. */
  name: string;
  /** An image for the header: a path on this origin ("/assets/…") or an http(s) URL. */
  logoUrl: string | null;
  /** `#rrggbb`; served as /branding.css (no inline style under the CSP). */
  primaryColor: string | null;
  imprintUrl: string | null;
  privacyUrl: string | null;
}

export const DEFAULT_HOST_NAME = 'Hostdesk';

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000);

export const BrandingEnv = z.object({
  HOST_NAME: z.string().trim().min(1).max(80).optional(),
  HOST_LOGO_URL: z.union([httpUrl, z.string().regex(/^\/[^/\\]/, { message: 'must be an http(s) URL or a path on this origin (/assets/…)' }).max(2000)]).optional(),
  HOST_PRIMARY_COLOR: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a hex colour like #0b5cad' }).optional(),
  IMPRINT_URL: httpUrl.optional(),
  PRIVACY_URL: httpUrl.optional(),
});

export interface BrandingConfig {
  branding: Branding;
}

export function brandingConfigOf(e: z.infer<typeof BrandingEnv>): BrandingConfig {
  return {
    branding: Object.freeze({
      name: e.HOST_NAME ?? DEFAULT_HOST_NAME,
      logoUrl: e.HOST_LOGO_URL ?? null,
      primaryColor: e.HOST_PRIMARY_COLOR?.toLowerCase() ?? null,
      imprintUrl: e.IMPRINT_URL ?? null,
      privacyUrl: e.PRIVACY_URL ?? null,
    }),
  };
}

/** The CSP img-src entry a logo on another origin needs (none for a path on this origin). */
export function logoImageSources(branding: Branding): string[] {
  if (!branding.logoUrl || branding.logoUrl.startsWith('/')) return [];
  return [new URL(branding.logoUrl).origin];
}

/** The stylesheet behind /branding.css: the host's colour in place of the default blue. */
export function brandingCss(branding: Branding): string {
  const color = branding.primaryColor;
  if (!color) return '/* no HOST_PRIMARY_COLOR set */\n';
  const dark = darken(color, 0.25);
  return [
    `:root { --primary: ${color}; --primary-dark: ${dark}; }`,
    `.brand-mark { background: ${color}; }`,
    `.mainnav a[aria-current='page'] { color: ${dark}; }`,
    '',
  ].join('\n');
}

function darken(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - amount)));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
