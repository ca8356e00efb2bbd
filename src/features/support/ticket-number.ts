import type { Db } from '../../platform/db/index.ts';

/**
 * Ticket numbers people can read out on the phone: `YYMMDD-NNNN-C`, the day the ticket was
 * opened (Berlin time), a counter within that day and a Luhn check digit that catches a
 * mistyped or transposed digit. A number is a reference, never a key: every lookup also
 * checks who is asking.
 */
export function formatTicketNumber(day: string, counter: number): string {
  const digits = `${day}${String(counter).padStart(4, '0')}`;
  return `${day}-${String(counter).padStart(4, '0')}-${luhnDigit(digits)}`;
}

export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The canonical form of a typed number ("260527 0042 3", "2605270042-3" …), or null if the check digit fails. */
export function parseTicketNumber(input: string): string | null {
  const digits = input.replace(/[\s\-./]/g, '');
  if (!/^\d{11,14}$/.test(digits)) return null;
  const day = digits.slice(0, 6);
  const counter = digits.slice(6, -1);
  const check = Number(digits.at(-1));
  if (luhnDigit(day + counter) !== check) return null;
  return `${day}-${counter}-${check}`;
}

/** YYMMDD in Berlin time: the day a caller would name. */
export function ticketDay(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: '2-digit', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}${get('month')}${get('day')}`;
}

/** The next counter of the day, safe under concurrency on both databases (one upsert statement). */
export async function nextTicketNumber(trx: Db, now: Date): Promise<string> {
  const day = ticketDay(now);
  const row = await trx
    .insertInto('supportTicketCounters')
    .values({ day, lastValue: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ lastValue: eb('supportTicketCounters.lastValue', '+', 1) })))
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return formatTicketNumber(day, row.lastValue);
}
