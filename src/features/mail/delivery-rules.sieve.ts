import { createHash } from 'node:crypto';

/**
 * The Sieve script (RFC 5228) Hostdesk compiles from a mailbox's delivery rules. Dovecot runs it
 * before the user's own scripts (sieve_before), so it only adds actions: an out-of-office reply
 * through the vacation extension (RFC 5230: one reply per sender and interval, none to lists,
 * bulk or auto-submitted mail, none to the mailbox's own addresses) and a redirect with or without
 * `:copy`. User text only ever enters the script through sieveString.
 */

export interface AutoReplyRule {
  /** First and last day (YYYY-MM-DD) on which replies go out; null: open-ended. */
  from: string | null;
  until: string | null;
  subject: string;
  body: string;
  days: number;
  /** The mailbox's addresses the reply answers for (envelope recipient). */
  answerFor: string[];
}

export interface SieveRules {
  /** All addresses of the mailbox: never answered, and known to vacation as the user's own. */
  ownAddresses: string[];
  autoReply: AutoReplyRule | null;
  forward: { to: string; keepCopy: boolean } | null;
}

/**
 * A Sieve quoted string: `"` and `\` escaped with a backslash, line breaks as CRLF (a quoted
 * string may span lines). Nothing else in a quoted string is special as long as neither the
 * `variables` nor the `encoded-character` extension is required, and this generator requires
 * neither. NUL and other control characters never reach here (the service refuses them); they
 * are refused again rather than written.
 */
export function sieveString(text: string): string {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw new Error('Sieve strings here hold no control characters');
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n');
  return `"${normalised.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A Sieve string list `["a", "b"]`. */
export function sieveStringList(items: string[]): string {
  return `[${items.map(sieveString).join(', ')}]`;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function autoReplyBlock(rule: AutoReplyRule, own: string[]): string {
  const tests: string[] = [];
  if (rule.from !== null) {
    if (!ISO_DAY.test(rule.from)) throw new Error('from: YYYY-MM-DD');
    tests.push(`currentdate :value "ge" "date" ${sieveString(rule.from)}`);
  }
  if (rule.until !== null) {
    if (!ISO_DAY.test(rule.until)) throw new Error('until: YYYY-MM-DD');
    tests.push(`currentdate :value "le" "date" ${sieveString(rule.until)}`);
  }
  tests.push(`envelope :all :comparator "i;ascii-casemap" :is "to" ${sieveStringList(rule.answerFor)}`);
  tests.push(`not envelope :all :comparator "i;ascii-casemap" :is "from" ${sieveStringList(own)}`);
  if (!Number.isInteger(rule.days) || rule.days < 1) throw new Error('days: a positive whole number');
  return [
    `if allof (${tests.join(',\n          ')}) {`,
    `  vacation :days ${rule.days} :subject ${sieveString(rule.subject)} :addresses ${sieveStringList(own)}`,
    `    ${sieveString(rule.body)};`,
    `}`,
  ].join('\r\n');
}

/** The script, or null when no rule is on (then Dovecot finds no script and delivers as usual). */
export function compileSieveScript(rules: SieveRules, accountName: string): string | null {
  if (!rules.autoReply && !rules.forward) return null;
  const extensions = new Set<string>();
  const parts: string[] = [];
  if (rules.autoReply) {
    extensions.add('envelope').add('vacation');
    if (rules.autoReply.from !== null || rules.autoReply.until !== null) extensions.add('date').add('relational');
    if (rules.autoReply.answerFor.length === 0) throw new Error('answerFor: at least one address');
    parts.push(autoReplyBlock(rules.autoReply, rules.ownAddresses));
  }
  if (rules.forward) {
    if (rules.forward.keepCopy) extensions.add('copy');
    parts.push(rules.forward.keepCopy ? `redirect :copy ${sieveString(rules.forward.to)};` : `redirect ${sieveString(rules.forward.to)};`);
  }
  // The account name is digits and a dot; a comment line holds it safely.
  const name = /^[0-9A-Za-z.]+$/.test(accountName) ? accountName : 'mailbox';
  return [
    `# Written by Hostdesk for ${name}: out-of-office reply and forwarding, as set in Hostdesk.`,
    `# Dovecot runs it before the mailbox's own Sieve filters (sieve_before); change it in Hostdesk.`,
    // `require []` is a syntax error: a plain redirect needs no extension.
    ...(extensions.size > 0 ? [`require ${sieveStringList([...extensions].sort())};`, ''] : []),
    ...parts,
    '',
  ].join('\r\n');
}

/** The dict's data id: a new one for every new text, so Pigeonhole recompiles (its binary records the id). */
export function sieveScriptId(script: string): string {
  return createHash('sha256').update(script).digest('hex').slice(0, 32);
}
