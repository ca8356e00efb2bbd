import type { FastifyInstance } from 'fastify';

/**
 * Plays Dovecot towards the auth policy endpoint: for one login, the question before the
 * password check and the report with its result, as `auth_policy_report_after_auth` sends them.
 */
export function dovecotReporter(app: FastifyInstance, secret: string) {
  let seq = 0;
  const send = (command: 'allow' | 'report', body: object) =>
    app.inject({
      method: 'POST',
      url: `/api/mail/dovecot-policy?command=${command}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      payload: JSON.stringify(body),
      remoteAddress: '127.0.0.1',
    });
  return async function login(l: { login: string; remote: string; protocol?: 'imap' | 'pop3' | 'smtp'; success: boolean; tls?: boolean }): Promise<number> {
    seq++;
    const attrs = { login: l.login, remote: l.remote, protocol: l.protocol ?? 'imap', session: `s${seq}`, pid: '4242', rport: String(40000 + seq), secured: l.tls ? 'TLS' : '', tls: l.tls ?? false };
    const allow = await send('allow', attrs);
    if (allow.statusCode !== 200) throw new Error(`policy question answered ${allow.statusCode}`);
    const status = allow.json().status as number;
    const report = await send('report', { ...attrs, success: status >= 0 && l.success, policy_reject: status < 0 });
    if (report.statusCode !== 200) throw new Error(`policy report answered ${report.statusCode}`);
    return status;
  };
}
