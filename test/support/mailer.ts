import type { Mailer, OutgoingMail } from '../../src/integrations/smtp/mailer.ts';

export interface TestMailer extends Mailer {
  sent: OutgoingMail[];
  /**
   * The first mail (already sent or still to come) that matches: for mail a route sends without
   * awaiting it. Resolves as soon as the mail is handed over, and fails after `timeoutMs` with
   * what was sent instead, so a missing mail is a clear failure rather than a hang.
   */
  waitForMail(matches: (mail: OutgoingMail) => boolean, options?: { timeoutMs?: number }): Promise<OutgoingMail>;
}

/** Keeps messages in memory and lets a test wait for one. */
export function createTestMailer(): TestMailer {
  const sent: OutgoingMail[] = [];
  const waiters = new Set<(mail: OutgoingMail) => void>();
  return {
    sent,
    async send(mail) {
      sent.push(mail);
      for (const waiter of [...waiters]) waiter(mail);
    },
    waitForMail(matches, { timeoutMs = 5_000 } = {}) {
      const found = sent.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (mail: OutgoingMail) => {
          if (!matches(mail)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail within ${timeoutMs} ms; sent: ${JSON.stringify(sent.map((m) => ({ to: m.to, subject: m.subject })))}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
