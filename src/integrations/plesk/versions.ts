/**
 * What differs between Plesk versions, in one place: the XML API protocol each release speaks
 * (PLESK.md), which operators exist, whether single sign-on exists, and the menu paths a
 * customer sees. Everything else asks these functions instead of comparing version strings.
 */

/** Release → protocol, oldest first (PLESK.md). 10.2 has no own protocol and speaks 10.1's. */
export const PROTOCOLS: readonly { release: string; protocol: string }[] = [
  { release: '8.0', protocol: '1.4.0.0' },
  { release: '8.1', protocol: '1.4.2.0' },
  { release: '8.2', protocol: '1.5.1.0' },
  { release: '8.3', protocol: '1.5.2.0' },
  { release: '8.4', protocol: '1.5.2.1' },
  { release: '9.0', protocol: '1.6.0.2' },
  { release: '10.0', protocol: '1.6.3.0' },
  { release: '10.1', protocol: '1.6.3.1' },
  { release: '10.3', protocol: '1.6.3.3' },
  { release: '10.4', protocol: '1.6.3.4' },
  { release: '11.0', protocol: '1.6.3.5' },
  { release: '11.5', protocol: '1.6.5.0' },
  { release: '12.0', protocol: '1.6.6.0' },
  { release: '12.5', protocol: '1.6.7.0' },
  { release: '17.0', protocol: '1.6.8.0' },
  { release: '18.0', protocol: '1.6.9.1' },
];

/** Versions the simulator and the tests cover. */
export const SIMULATED_VERSIONS = ['8.6', '9.5', '10.4', '12.5', '18.0'] as const;
export type SimulatedVersion = (typeof SIMULATED_VERSIONS)[number];

/** Protocols to try, newest first, when a versionless packet is refused with 1017. */
export const FALLBACK_PROTOCOLS = ['1.6.3.0', '1.6.0.2', '1.5.2.1', '1.4.0.0'] as const;

export function compareDotted(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** "10.4.4", "Plesk 9.5", "Onyx 17.8.11", "Obsidian" → a comparable dotted release, or null. */
export function normalizeVersion(input: string | null | undefined): string | null {
  if (!input) return null;
  const trimmed = input.trim();
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(trimmed);
  if (m) return [m[1], m[2] ?? '0', m[3]].filter((p) => p !== undefined).join('.');
  if (/obsidian/i.test(trimmed)) return '18.0';
  if (/onyx/i.test(trimmed)) return '17.0';
  return null;
}

/** The newest protocol a release speaks. */
export function protocolForVersion(version: string): string {
  const v = normalizeVersion(version) ?? '18.0';
  let chosen = PROTOCOLS[0]!.protocol;
  for (const p of PROTOCOLS) if (compareDotted(p.release, v) <= 0) chosen = p.protocol;
  return chosen;
}

/** The release that introduced a protocol (for showing a version learnt from get_protos). */
export function releaseForProtocol(protocol: string): string | null {
  let found: string | null = null;
  for (const p of PROTOCOLS) if (compareDotted(p.protocol, protocol) <= 0) found = p.release;
  return found;
}

/** Every known protocol up to and including a release's own (what that release accepts). */
export function protocolsUpTo(version: string): string[] {
  const own = protocolForVersion(version);
  return [...new Set(PROTOCOLS.map((p) => p.protocol))].filter((p) => compareDotted(p, own) <= 0);
}

const major = (version: string) => Number((normalizeVersion(version) ?? '18').split('.')[0]);

/** Plesk 8 and 9 name things differently (domain/domain_id, plain passwords) from 10 onwards. */
export function isLegacy(version: string): boolean {
  return major(version) < 10;
}

/** create_session is documented from protocol 1.6.3.3 (Plesk 10.3); older servers get the login page. */
export function hasSessionApi(version: string): boolean {
  return compareDotted(protocolForVersion(version), '1.6.3.3') >= 0;
}

/** `webspace` from 10.0, `site` (add-on domains) from 10.1; 10.0 still addresses add-ons as webspaces. */
export function hasSiteOperator(version: string): boolean {
  return compareDotted(protocolForVersion(version), '1.6.3.1') >= 0;
}

/** The marketing name customers know: Onyx for 17.x, Obsidian for 18.x, else "Plesk 10.4". */
export function displayName(version: string): string {
  const v = normalizeVersion(version);
  if (!v) return `Plesk ${version}`;
  const m = major(v);
  if (m === 17) return `Plesk Onyx (${v})`;
  if (m >= 18) return `Plesk Obsidian (${v})`;
  return `Plesk ${v}`;
}

/** The login form: Plesk 8/9 serve it as login_up.php3, later versions as login_up.php. */
export function loginPagePath(version: string): string {
  return isLegacy(version) ? '/login_up.php3' : '/login_up.php';
}

export const SESSION_INIT_PATH = '/enterprise/rsession_init.php';
export const AGENT_PATH = '/enterprise/control/agent.php';

type Lang = 'de' | 'en';

/**
 * Where a mailbox's settings (password, quota) live in the customer's panel, step by step,
 * as the panel of that version labels them. The help center shows this per server version.
 */
export function mailSettingsPath(version: string, lang: Lang, address = lang === 'de' ? 'Adresse' : 'address'): string[] {
  const m = major(version);
  if (m < 10) return lang === 'de' ? ['Start', 'E-Mail', address, 'Einstellungen'] : ['Home', 'Mail', address, 'Preferences'];
  if (m < 17) return lang === 'de' ? ['E-Mail', address, 'Einstellungen'] : ['Mail', address, 'Settings'];
  return lang === 'de' ? ['E-Mail', 'E-Mail-Adressen', address, 'Allgemein'] : ['Mail', 'Email Addresses', address, 'General'];
}

/** The same path as one line: "Start → E-Mail → Adresse → Einstellungen". */
export function formatMenuPath(steps: string[]): string {
  return steps.join(' → ');
}

/**
 * How a customer of a server without single sign-on logs in by hand: the login page of that
 * version and the labels of its form fields.
 */
export function manualLoginSteps(version: string, lang: Lang): { loginPath: string; userField: string; passwordField: string; forgotLink: string } {
  const legacy = isLegacy(version);
  if (lang === 'de') {
    return { loginPath: loginPagePath(version), userField: legacy ? 'Login' : 'Benutzername', passwordField: 'Passwort', forgotLink: 'Passwort vergessen?' };
  }
  return { loginPath: loginPagePath(version), userField: legacy ? 'Login' : 'Username', passwordField: 'Password', forgotLink: 'Forgot your password?' };
}
