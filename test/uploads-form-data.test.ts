import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { formFields, registerUploads } from '../src/features/support/uploads.ts';

// registerUploads hides globalThis.FormData while @fastify/multipart registers, so that Node does
// not load its fetch implementation for nothing; the global must come back exactly as it was. In a
// fresh test process it is still Node's lazy getter: had the plugin read it, it would now be a
// plain value (and undici loaded).
describe('support uploads and the FormData global', () => {
  it('leaves globalThis.FormData as it found it, and request.formData() is not offered', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'FormData');
    const app = Fastify();
    let formData: unknown;
    await app.register(async (scope) => {
      await registerUploads(scope);
      scope.post('/upload', async (request) => {
        formData = await request.formData().then(
          () => 'offered',
          (error: Error & { code?: string }) => error.code,
        );
        return { fields: formFields(request.body), files: request.uploads?.map((u) => [u.filename, u.data.length]) };
      });
    });
    await app.ready();
    expect(Object.getOwnPropertyDescriptor(globalThis, 'FormData')).toEqual(before);
    expect(typeof FormData).toBe('function');

    const boundary = 'x-boundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\nHallo\r\n--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc\r\n--${boundary}--\r\n`;
    const res = await app.inject({ method: 'POST', url: '/upload', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.json()).toEqual({ fields: { subject: 'Hallo' }, files: [['a.txt', 3]] });
    expect(formData).toBe('FST_NO_FORM_DATA');
    await app.close();
  });
});
