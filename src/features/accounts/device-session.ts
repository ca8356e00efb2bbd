import type { FastifyReply, FastifyRequest } from 'fastify';
import { deriveKey, secretKeyMaterial, type SecretKeySettings } from '../../platform/secret-box.ts';
import { readDeviceCookie, writeDeviceCookie } from '../../platform/http/device-cookie.ts';
import { createKnownDevices } from './known-device.ts';

/** What the known-device cookie needs: the app's secret key (its own key is derived from it) and the cookie flavour. */
export interface DeviceMemorySettings extends SecretKeySettings {
  secureCookies: boolean;
}

/**
 * The known-device cookie for the routes of every door: read it as evidence, renew it at each
 * complete login. app.ts creates one and hands it to each door's routes (customer, staff, 2FA, mail).
 */
export function createDeviceMemory(config: DeviceMemorySettings) {
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
