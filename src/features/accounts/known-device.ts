import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The "known device" cookie: proof that this browser logged into an account before, so that
 * the account-wide throttle (which a guesser on many addresses can fill) never refuses it.
 *
 * Value: `v1.<device id>.<tag>.<tag>…`. The device id is random and says nothing; each tag is
 * HMAC-SHA256(key, device id | subject), cut to 128 bits, for one account this browser logged
 * into. So the cookie holds no names, a tag cannot be moved to another browser's cookie, and
 * nobody without the key (derived from the app's secret key) can make one. Nothing is stored on
 * the server: the tags are the signature.
 */
export interface KnownDevices {
  /** The device id when the cookie proves an earlier login into `subject`, else null. */
  recognize(cookie: string | undefined, subject: string): string | null;
  /** The cookie after a full login into `subject`: this account first, at most MAX_TAGS. */
  remember(cookie: string | undefined, subject: string): string;
}

const MAX_TAGS = 20;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
const TAG = /^[A-Za-z0-9_-]{22}$/;

export function createKnownDevices(key: Buffer): KnownDevices {
  const tagOf = (deviceId: string, subject: string) => createHmac('sha256', key).update(`${deviceId}|${subject}`).digest().subarray(0, 16).toString('base64url');

  function parse(cookie: string | undefined): { deviceId: string; tags: string[] } | null {
    if (!cookie || cookie.length > 2000) return null;
    const [version, deviceId, ...tags] = cookie.split('.');
    if (version !== 'v1' || !deviceId || !DEVICE_ID.test(deviceId)) return null;
    return { deviceId, tags: tags.filter((t) => TAG.test(t)).slice(0, MAX_TAGS) };
  }

  return {
    recognize(cookie, subject) {
      const parsed = parse(cookie);
      if (!parsed) return null;
      const expected = Buffer.from(tagOf(parsed.deviceId, subject));
      // Every tag is compared, in constant time, so the answer's timing tells nothing either.
      let found = false;
      for (const tag of parsed.tags) found = timingSafeEqual(Buffer.from(tag), expected) || found;
      return found ? parsed.deviceId : null;
    },
    remember(cookie, subject) {
      const parsed = parse(cookie);
      const deviceId = parsed?.deviceId ?? randomBytes(16).toString('base64url');
      const tag = tagOf(deviceId, subject);
      const tags = [tag, ...(parsed?.tags ?? []).filter((t) => t !== tag)].slice(0, MAX_TAGS);
      return ['v1', deviceId, ...tags].join('.');
    },
  };
}
