/**
 * Dovecot's doveadm HTTP API (`service doveadm { inet_listener http }`, `doveadm_api_key`):
 * POST /doveadm/v1 with a JSON list of commands, each `[name, parameters, tag]`, answered by a
 * list of `["doveadmResponse", result, tag]` or `["error", {type, exitCode}, tag]` in the same order.
 */
export interface DoveadmServer {
  url: string;
  apiKey: string;
}

export class DoveadmError extends Error {}

/** doveadm's exit code for "no such user": `kick` says it when nobody was logged in. */
const EX_NOUSER = 68;

/**
 * Ends what a mail account's old credentials still hold on one Dovecot server: its auth cache
 * entries (every login name, as the cache keys them) and its open IMAP/POP3 sessions. Throws
 * `DoveadmError` unless the server confirmed both.
 */
export async function flushAndKick(server: DoveadmServer, user: string, logins: string[], timeoutMs: number): Promise<void> {
  const commands = [
    ['authCacheFlush', { user: [...new Set([user, ...logins])] }, 'flush'],
    ['kick', { mask: [user] }, 'kick'],
  ];
  let response: Response;
  try {
    response = await fetch(`${server.url.replace(/\/$/, '')}/doveadm/v1`, {
      method: 'POST',
      headers: { authorization: `X-Dovecot-API ${Buffer.from(server.apiKey).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify(commands),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new DoveadmError(`not reachable: ${(error as Error).message}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new DoveadmError(`HTTP ${response.status}${response.status === 401 ? ' (wrong DOVEADM_API_KEY?)' : ''}`);
  let results: unknown;
  try {
    results = JSON.parse(text);
  } catch {
    throw new DoveadmError('answer is not JSON');
  }
  if (!Array.isArray(results)) throw new DoveadmError('answer is not a list');
  for (const tag of ['flush', 'kick']) {
    const result = results.find((r): r is [string, Record<string, unknown>, string] => Array.isArray(r) && r[2] === tag);
    if (!result) throw new DoveadmError(`no answer to ${tag}`);
    if (result[0] === 'doveadmResponse') continue;
    if (tag === 'kick' && result[0] === 'error' && result[1]?.exitCode === EX_NOUSER) continue;
    throw new DoveadmError(`${tag} failed: ${JSON.stringify(result[1]).slice(0, 200)}`);
  }
}
