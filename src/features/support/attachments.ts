import { createHash } from 'node:crypto';
import { DomainError } from '../../platform/errors.ts';
import { describeHiddenCharacter, findHiddenCharacter, showHiddenCharacters } from '../../platform/unicode.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './ticket.model.ts';

export interface Upload {
  filename: string;
  data: Buffer;
  /** True when the part was cut off at the size limit. */
  truncated: boolean;
}

export interface CheckedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Buffer;
}

/**
 * What may be attached, decided by the file's first bytes and its name together: screenshots,
 * PDFs and plain text (logs, mail headers). Anything a browser could run or render as a page
 * (HTML, SVG, scripts, programs, archives) is refused, whatever its name says.
 */
const KINDS: { type: string; extensions: string[]; matches: (b: Buffer) => boolean }[] = [
  { type: 'image/png', extensions: ['png'], matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', extensions: ['jpg', 'jpeg'], matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', extensions: ['gif'], matches: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  { type: 'application/pdf', extensions: ['pdf'], matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'text/plain', extensions: ['txt', 'log', 'csv', 'eml'], matches: isPlainText },
];

export const ALLOWED_EXTENSIONS = KINDS.flatMap((k) => k.extensions);

function isPlainText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 64 * 1024));
  if (text.includes('\uFFFD')) return false;
  // Markup that a careless viewer might render is not plain text for us.
  return !/<\s*(html|script|svg|iframe|body|head|object|embed)\b/i.test(text.slice(0, 4096));
}

/** A name safe to show and to send back: no path, no control characters, at most 120 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').replace(/^\.+/, '').trim();
  if (cleaned.length <= 120) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 120 - ext.length) + ext;
}

/** Checks every upload of one message; refuses the whole message if one of them is not acceptable. */
export function checkAttachments(uploads: Upload[]): CheckedAttachment[] {
  const present = uploads.filter((u) => u.filename !== '' || u.data.length > 0);
  if (present.length > MAX_ATTACHMENTS) throw attachmentError('support.attachmentTooMany', { max: MAX_ATTACHMENTS });
  return present.map((u) => {
    const filename = cleanFilename(u.filename);
    // Before anything else about the file: "abc\u202Efdp.exe" reads as "abcexe.pdf", and the
    // message must say so rather than complain about a type the name only pretends to have.
    const hidden = findHiddenCharacter(u.filename);
    if (hidden) throw attachmentError('support.attachmentHidden', { name: showHiddenCharacters(filename), char: describeHiddenCharacter(hidden) });
    if (u.truncated || u.data.length > MAX_ATTACHMENT_BYTES) throw attachmentError('support.attachmentTooLarge', { name: filename, max: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
    if (u.data.length === 0) throw attachmentError('support.attachmentEmpty', { name: filename });
    const extension = filename.includes('.') ? filename.split('.').pop()!.toLowerCase() : '';
    const kind = KINDS.find((k) => k.extensions.includes(extension));
    if (!filename || !kind || !kind.matches(u.data)) throw attachmentError('support.attachmentType', { name: filename || '?', types: ALLOWED_EXTENSIONS.join(', ') });
    return { filename, contentType: kind.type, size: u.data.length, sha256: createHash('sha256').update(u.data).digest('hex'), data: u.data };
  });
}

function attachmentError(key: 'support.attachmentTooMany' | 'support.attachmentTooLarge' | 'support.attachmentEmpty' | 'support.attachmentType' | 'support.attachmentHidden', params: Record<string, string | number>) {
  return new DomainError('validation', key, { attachments: { key, params } }, params);
}
