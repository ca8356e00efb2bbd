import type { FastifyReply, FastifyRequest } from 'fastify';

/** A known-device cookie lives long: the owner's browser stays known between rare logins. */
const MAX_AGE_S = 400 * 24 * 3600;

export const deviceCookieName = (secure: boolean) => (secure ? '__Host-hostdesk-device' : 'hostdesk_device');

export function readDeviceCookie(request: FastifyRequest, secure: boolean): string | undefined {
  return request.cookies[deviceCookieName(secure)];
}

export function writeDeviceCookie(reply: FastifyReply, value: string, secure: boolean): void {
  reply.setCookie(deviceCookieName(secure), value, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: MAX_AGE_S });
}
