import { randomUUID } from 'node:crypto';
import type { MailEndpoint, MailServerSettings } from './mail.config.ts';

/**
 * What mail clients need to set themselves up: Thunderbird's autoconfig, Outlook's
 * autodiscover (XML and JSON), Apple's configuration profile and the DNS records that let
 * clients find all of it. Every answer comes from configuration, never from the database: an
 * unknown address gets the same answer as a known one, so nothing can be enumerated.
 */

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A plausible address from a request, or null: clients echo what the user typed. */
export function cleanAddress(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const value = input.trim().toLowerCase();
  return value.length <= 254 && /^[^\s@<>"'&]{1,64}@[a-z0-9.\-\u00a0-\uffff]{1,253}$/u.test(value) ? value : null;
}

export function thunderbirdAutoconfig(s: MailServerSettings, emailAddress: string | null, providerName: string): string {
  const domain = emailAddress?.split('@')[1];
  const socket = (e: MailEndpoint) => (e.security === 'tls' ? 'SSL' : 'STARTTLS');
  const server = (tag: 'incomingServer' | 'outgoingServer', type: string, e: MailEndpoint) => `    <${tag} type="${type}">
      <hostname>${xml(e.host)}</hostname>
      <port>${e.port}</port>
      <socketType>${socket(e)}</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </${tag}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${xml(s.imap.host)}">
${domain ? `    <domain>${xml(domain)}</domain>\n` : ''}    <displayName>${xml(providerName)}</displayName>
    <displayShortName>${xml(providerName)}</displayShortName>
${server('incomingServer', 'imap', s.imap)}
${server('incomingServer', 'pop3', s.pop3)}
${server('outgoingServer', 'smtp', s.smtp)}
  </emailProvider>
</clientConfig>
`;
}

/** The address inside an Outlook autodiscover request (`<EMailAddress>`), if any. */
export function autodiscoverRequestAddress(body: string): string | null {
  const m = /<EMailAddress>\s*([^<]{1,320})\s*<\/EMailAddress>/i.exec(body.slice(0, 20_000));
  return cleanAddress(m?.[1]);
}

export function outlookAutodiscover(s: MailServerSettings, emailAddress: string | null): string {
  const protocol = (type: string, e: MailEndpoint) => `      <Protocol>
        <Type>${type}</Type>
        <Server>${xml(e.host)}</Server>
        <Port>${e.port}</Port>
        <DomainRequired>off</DomainRequired>
${emailAddress ? `        <LoginName>${xml(emailAddress)}</LoginName>\n` : ''}        <SPA>off</SPA>
        <SSL>on</SSL>
        <Encryption>${e.security === 'tls' ? 'SSL' : 'TLS'}</Encryption>
        <AuthRequired>on</AuthRequired>
      </Protocol>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
${protocol('IMAP', s.imap)}
${protocol('POP3', s.pop3)}
${protocol('SMTP', s.smtp)}
    </Account>
  </Response>
</Autodiscover>
`;
}

/** Outlook's JSON autodiscover (v2) only points at the XML endpoint for the POX protocol. */
export function outlookAutodiscoverJson(publicUrl: string) {
  return { Protocol: 'AutodiscoverV1', Url: `${publicUrl}/autodiscover/autodiscover.xml` };
}

function plistValue(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? '<true/>' : '<false/>';
  if (typeof v === 'number') return `<integer>${v}</integer>`;
  return `<string>${xml(v)}</string>`;
}
const plistDict = (entries: Record<string, string | number | boolean>, indent: string) =>
  Object.entries(entries)
    .map(([k, v]) => `${indent}<key>${xml(k)}</key>\n${indent}${plistValue(v)}`)
    .join('\n');

/**
 * An Apple configuration profile for one mailbox (IMAP + SMTP). The password is embedded only
 * when the user typed it for this download; otherwise the device asks for it.
 */
export function appleMobileconfig(
  s: MailServerSettings,
  a: { accountName: string; emailAddress: string; userName: string; displayName: string; organisation: string; password?: string },
): string {
  const base = `${s.imap.host.split('.').reverse().join('.')}.hostdesk.${a.accountName}`;
  const account: Record<string, string | number | boolean> = {
    EmailAccountDescription: `${a.organisation}: ${a.emailAddress}`,
    EmailAccountName: a.displayName,
    EmailAccountType: 'EmailTypeIMAP',
    EmailAddress: a.emailAddress,
    IncomingMailServerAuthentication: 'EmailAuthPassword',
    IncomingMailServerHostName: s.imap.host,
    IncomingMailServerPortNumber: s.imap.port,
    IncomingMailServerUseSSL: true,
    IncomingMailServerUsername: a.userName,
    OutgoingMailServerAuthentication: 'EmailAuthPassword',
    OutgoingMailServerHostName: s.smtp.host,
    OutgoingMailServerPortNumber: s.smtp.port,
    OutgoingMailServerUseSSL: true,
    OutgoingMailServerUsername: a.userName,
    OutgoingPasswordSameAsIncomingPassword: true,
    PayloadDescription: a.emailAddress,
    PayloadDisplayName: a.emailAddress,
    PayloadIdentifier: `${base}.account`,
    PayloadType: 'com.apple.mail.managed',
    PayloadUUID: randomUUID().toUpperCase(),
    PayloadVersion: 1,
  };
  if (a.password) account.IncomingPassword = a.password;
  const top = {
    PayloadDisplayName: `${a.organisation} – ${a.emailAddress}`,
    PayloadIdentifier: base,
    PayloadOrganization: a.organisation,
    PayloadRemovalDisallowed: false,
    PayloadType: 'Configuration',
    PayloadUUID: randomUUID().toUpperCase(),
    PayloadVersion: 1,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
${plistDict(account, '      ')}
    </dict>
  </array>
${plistDict(top, '  ')}
</dict>
</plist>
`;
}

export interface DnsRecord {
  name: string;
  type: 'MX' | 'SRV' | 'CNAME';
  value: string;
}

/** The records a domain needs so that mail arrives and clients find their settings (RFC 6186, autoconfig, autodiscover). */
export function dnsRecordsFor(domainAscii: string, s: MailServerSettings, publicUrl: string): DnsRecord[] {
  const web = new URL(publicUrl).hostname;
  const srv = (e: MailEndpoint) => `0 1 ${e.port} ${e.host}.`;
  return [
    { name: `${domainAscii}.`, type: 'MX', value: `10 ${s.smtp.host}.` },
    { name: `_${s.imap.security === 'tls' ? 'imaps' : 'imap'}._tcp.${domainAscii}.`, type: 'SRV', value: srv(s.imap) },
    { name: `_${s.pop3.security === 'tls' ? 'pop3s' : 'pop3'}._tcp.${domainAscii}.`, type: 'SRV', value: srv(s.pop3) },
    { name: `_${s.smtp.security === 'tls' ? 'submissions' : 'submission'}._tcp.${domainAscii}.`, type: 'SRV', value: srv(s.smtp) },
    { name: `autoconfig.${domainAscii}.`, type: 'CNAME', value: `${web}.` },
    { name: `_autodiscover._tcp.${domainAscii}.`, type: 'SRV', value: `0 1 443 ${web}.` },
  ];
}
