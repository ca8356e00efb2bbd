import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { TextField } from '../../platform/views/form.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';

/** The one field for a TOTP or backup code, as the phone's keyboard and password managers expect it. */
export function CodeField({ ctx, form, label = 'twoFactor.code', autofocus = true }: { ctx: ViewContext; form: FormState; label?: MessageKey; autofocus?: boolean }) {
  return <TextField ctx={ctx} form={form} name="code" label={label} autocomplete="one-time-code" inputMode="numeric" required maxLength={20} autofocus={autofocus} />;
}
