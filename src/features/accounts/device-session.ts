import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { deriveKey, secretKeyMaterial } from '../../platform/secret-box.ts';
import { readDeviceCookie, writeDeviceCookie } from '../../platform/http/device-cookie.ts';
import { createKnownDevices } from './known-device.ts';

/** The known-device cookie for the routes of every door: read it as evidence, renew it at each complete login. */
export function createDeviceMemory(config: Config) {
  // Its own key, derived from the app's secret key: every app process signs and checks alike.
  const devices = createKnownDevices(deriveKey(secretKeyMaterial(config), 'known-device-v1'));
  const secure = config.secureCookies;
  return {
    /** The evidence of this request: the device id when its cookie proves an earlier login into `subject`. */
    recognizer(request: FastifyRequest): (subject: string) => string | null {
      const cookie = readDeviceCookie(request, secure);
      return (subject) => devices.recognize(cookie, subject);
    },
    /** After a complete login (password and, where enrolled, code) into `subject`. */
    remember(request: FastifyRequest, reply: FastifyReply, subject: string): void {
      writeDeviceCookie(reply, devices.remember(readDeviceCookie(request, secure), subject), secure);
    },
  };
}
export type DeviceMemory = ReturnType<typeof createDeviceMemory>;
