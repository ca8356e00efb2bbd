/** A failure talking to a panel, classified so callers can tell customers and staff different things. */
export type PanelFailureKind = 'api' | 'transport' | 'tls' | 'timeout' | 'http' | 'malformed' | 'config';

/** Plesk error codes Hostdesk distinguishes (PLESK.md); any other code is reported as it came. */
export const PLESK_CODES = {
  badPassword: 1001,
  protocolUnsupported: 1005,
  permissionDenied: 1006,
  notFound: 1013,
  parseError: 1014,
  notSupportedInVersion: 1017,
  invalidValue: 1019,
  operationFailed: 1023,
  badKey: 11003,
} as const;

export class PanelError extends Error {
  constructor(
    readonly kind: PanelFailureKind,
    /** Plesk's errcode for `api` failures, the HTTP status for `http`, else null. */
    readonly code: number | null,
    /** For staff and logs: Plesk's errtext or the transport error; never a credential. */
    readonly detail: string,
  ) {
    super(`${kind}${code !== null ? ` ${code}` : ''}: ${detail}`);
    this.name = 'PanelError';
  }
}

/** What a customer is told: five situations, no internals. */
export type CustomerFailure = 'unavailable' | 'misconfigured' | 'notFound' | 'invalidValue' | 'failed';

export function customerFailureOf(error: PanelError): CustomerFailure {
  if (error.kind === 'transport' || error.kind === 'timeout' || error.kind === 'tls') return 'unavailable';
  if (error.kind === 'http') return error.code !== null && error.code >= 500 ? 'unavailable' : 'misconfigured';
  if (error.kind === 'malformed' || error.kind === 'config') return 'misconfigured';
  switch (error.code) {
    case PLESK_CODES.notFound:
      return 'notFound';
    case PLESK_CODES.invalidValue:
      return 'invalidValue';
    case PLESK_CODES.badPassword:
    case PLESK_CODES.badKey:
    case PLESK_CODES.permissionDenied:
    case PLESK_CODES.protocolUnsupported:
    case PLESK_CODES.parseError:
    case PLESK_CODES.notSupportedInVersion:
      return 'misconfigured';
    default:
      return 'failed';
  }
}

/** The staff message key suffix for a failure: the Plesk code where one is known, else the kind. */
export function staffFailureOf(error: PanelError): string {
  if (error.kind === 'api' && error.code !== null && (Object.values(PLESK_CODES) as number[]).includes(error.code)) return String(error.code);
  if (error.kind === 'api') return 'other';
  return error.kind;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** Maps a Node socket/TLS error to a PanelError. */
export function transportError(error: NodeJS.ErrnoException): PanelError {
  const code = error.code ?? '';
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(error.message)) return new PanelError('tls', null, `${code || 'TLS'}: ${error.message}`);
  if (code === 'ETIMEDOUT') return new PanelError('timeout', null, error.message);
  return new PanelError('transport', null, `${code || 'error'}: ${error.message}`);
}
