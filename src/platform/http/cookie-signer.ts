import { Signer } from '@fastify/cookie';

/** Cookies whose signature was checked, kept for as long as this many stay in use. */
const KEEP = 5_000;

type Unsigned = ReturnType<Signer['unsign']>;

/**
 * @fastify/cookie's HMAC signer for the session cookie, remembering what it worked out: a browser
 * sends the same session cookie with every request, and @fastify/session checks its signature
 * and signs the id again on each one (two HMACs per request, docs/performance.md "Pages").
 * Only cookies with a valid signature are remembered, so made-up cookies cannot fill the memory;
 * a remembered result is exactly what the HMAC gave for that very string. Bounded: the oldest
 * go first.
 */
export function rememberingSigner(secret: string) {
  const signer = new Signer(secret);
  const unsigned = new Map<string, Unsigned>();
  const signed = new Map<string, string>();
  const keep = <V>(map: Map<string, V>, key: string, value: V) => {
    if (map.size >= KEEP) map.delete(map.keys().next().value!);
    map.set(key, value);
  };
  return {
    sign(value: string): string {
      let result = signed.get(value);
      if (result === undefined) keep(signed, value, (result = signer.sign(value)));
      return result;
    },
    unsign(signedValue: string): Unsigned {
      let result = unsigned.get(signedValue);
      if (result === undefined) {
        result = signer.unsign(signedValue);
        if (result.valid) keep(unsigned, signedValue, result);
      }
      return result;
    },
  };
}
