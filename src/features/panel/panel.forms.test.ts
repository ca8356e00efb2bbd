import { describe, expect, it } from 'vitest';
import { MailPasswordForm } from './panel.forms.ts';

describe('MailPasswordForm', () => {
  it('reports a repeat that differs together with the other errors, not one round later', () => {
    const result = MailPasswordForm.safeParse({ address: 'x', password: 'Sommer-Regen-2026', passwordRepeat: 'Sommer-Regen-2025' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['address', 'common.invalid'],
      ['passwordRepeat', 'plesk.mail.passwordMismatch'],
    ]);
  });
});
