import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { Clock } from '../../platform/http/route-deps.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import type { Translate } from '../../platform/views/i18n.ts';
import type { Mailer } from '../../integrations/smtp/mailer.ts';
import { EnrollmentPage } from './enrollment.page.tsx';
import { refusalMessage } from './login-refusal.ts';
import { otpauthUri } from './totp.ts';
import { pendingEnrollmentSecret, startTwoFactorEnrollment, type SecondFactorResult } from './two-factor.service.ts';

/** Whose second factor is set up, under which account name the app lists it, and where the form posts. */
export interface Enrollment {
  subject: string;
  account: string;
  action: string;
}

/** The setup page (QR code and key) of an enrollment, started now unless one is pending. */
export async function renderEnrollment(db: Db, box: SecretBox, clock: Clock, request: FastifyRequest, reply: FastifyReply, enrollment: Enrollment, form: FormState = emptyForm(), status = 200) {
  const secret = (await pendingEnrollmentSecret(db, box, enrollment.subject)) ?? (await startTwoFactorEnrollment(db, box, enrollment.subject, clock()));
  // qrcode (about 1 MB of heap) is loaded by the first setup page, not by every server at start.
  const { default: QRCode } = await import('qrcode');
  const qrDataUri = await QRCode.toDataURL(otpauthUri(secret, enrollment.account, 'Hostdesk'), { margin: 1, width: 220 });
  const page = <EnrollmentPage ctx={viewContext(request, reply)} action={enrollment.action} secret={secret} qrDataUri={qrDataUri} form={form} staffRequired={enrollment.action.startsWith('/staff')} />;
  return sendPage(reply, page, status);
}

/** Why a code was refused: wrong, or too many wrong ones (and how long to wait). */
export function codeFailureMessage(t: Translate, result: Exclude<SecondFactorResult, { ok: true }>) {
  return result.reason === 'throttled' ? refusalMessage(t, result, 'code') : { key: 'twoFactor.invalidCode' as const };
}

/** Sends the owner's notice about a burst of wrong codes, without making the answer wait for it. */
export function sendWrongCodeNotice(mailer: Mailer, request: FastifyRequest, result: SecondFactorResult): void {
  if (!result.ok && result.reason === 'invalid' && result.notice) mailer.send(result.notice).catch((err: unknown) => request.log.error({ err }, 'wrong-code notice failed'));
}
