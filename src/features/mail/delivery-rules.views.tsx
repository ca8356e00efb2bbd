import type { FieldErrors } from '../../platform/errors.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { FormCard, TextArea, TextField } from '../../platform/views/form.tsx';
import { formatDate } from '../../platform/views/i18n.ts';
import type { DeliveryRulesView } from './delivery-rules.service.ts';
import { MAX_BODY_LENGTH, MAX_REPLY_DAYS, MAX_SUBJECT_LENGTH } from './delivery-rules.service.ts';

/**
 * The out-of-office editor and the forwarding form of one mailbox, shown on the administration's
 * account page, on the mailbox user's own page and (out-of-office only) on the staff action page.
 */

/** An editor as typed (shown again with its errors) or as stored. */
export interface RulesEditorState {
  values: Record<string, string>;
  addresses: string[];
  errors: FieldErrors;
}

/** The editor's fields from a request body, untruncated (the body of the reply may be long). */
export function editorStateOf(body: unknown, errors: FieldErrors): RulesEditorState {
  const values: Record<string, string> = {};
  let addresses: string[] = [];
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === '_csrf') continue;
      if (key === 'addresses') addresses = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      else if (typeof value === 'string') values[key] = value.slice(0, 60_000);
    }
  }
  return { values, addresses, errors };
}

export function storedAutoReplyState(rules: DeliveryRulesView, template?: { subject: string; body: string }): RulesEditorState {
  const r = rules.autoReply;
  return {
    values: { active: r.active ? '1' : '', from: r.from, until: r.until, subject: template?.subject ?? r.subject, body: template?.body ?? r.body, days: String(r.days) },
    addresses: r.addresses,
    errors: {},
  };
}

export function storedForwardingState(rules: DeliveryRulesView): RulesEditorState {
  return { values: { target: rules.forward.target, keepCopy: rules.forward.keepCopy ? '1' : '' }, addresses: [], errors: {} };
}

/** "Eingeschaltet, vom … bis …" in words. */
function autoReplySummary(ctx: ViewContext, rules: DeliveryRulesView): string {
  const { t, lang } = ctx;
  const r = rules.autoReply;
  if (!r.active) return t('mail.ooo.stateOff');
  const day = (iso: string) => formatDate(`${iso}T12:00:00.000Z`, lang);
  if (r.from && r.until) return t('mail.ooo.stateFromUntil', { from: day(r.from), until: day(r.until) });
  if (r.from) return t('mail.ooo.stateFrom', { from: day(r.from) });
  if (r.until) return t('mail.ooo.stateUntil', { until: day(r.until) });
  return t('mail.ooo.stateOn');
}

export function AutoReplyEditor(props: {
  ctx: ViewContext;
  rules: DeliveryRulesView;
  state: RulesEditorState;
  /** The mailbox's addresses: value (ASCII) and what the owner reads. */
  addresses: { value: string; label: string }[];
  action: string;
  /** The page's own URL: the templates are links to it with ?vorlage=de|en. */
  pageUrl: string;
  submit?: string;
  /** A heading level below a page's own h1 (h2), or none when the page is the editor. */
  heading?: boolean;
  /** More fields the form posts (the staff action: which mailbox). */
  hidden?: Record<string, string>;
}) {
  const { ctx, state, addresses } = props;
  const { t } = ctx;
  const form = { values: state.values, errors: state.errors };
  const addressError = state.errors.addresses;
  const templateUrl = (lang: string) => `${props.pageUrl}${props.pageUrl.includes('?') ? '&' : '?'}vorlage=${lang}#abwesenheit`;
  return (
    <section class="card" id="abwesenheit" aria-labelledby="abwesenheit-title">
      {props.heading !== false && <h2 id="abwesenheit-title">{t('mail.ooo.title')}</h2>}
      <p>
        <strong>{autoReplySummary(ctx, props.rules)}</strong>
      </p>
      <p class="small muted">{t('mail.ooo.intro')}</p>
      <p class="small">
        {t('mail.ooo.templates')} <a href={templateUrl('de')} hreflang="de" lang="de">Deutsch</a> · <a href={templateUrl('en')} hreflang="en" lang="en">English</a>
      </p>
      <FormCard ctx={ctx} form={form} action={props.action} submit={props.submit ?? t('mail.ooo.save')} plain>
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <div class="choices">
          <label>
            <input type="checkbox" name="active" value="1" checked={state.values.active === '1'} /> {t('mail.ooo.active')}
          </label>
        </div>
        <div class="grid-2">
          <TextField ctx={ctx} form={form} name="from" label="mail.ooo.from" type="date" />
          <TextField ctx={ctx} form={form} name="until" label="mail.ooo.until" type="date" />
        </div>
        <p class="small muted">{t('mail.ooo.datesHint')}</p>
        <TextField ctx={ctx} form={form} name="subject" label="mail.ooo.subject" maxLength={MAX_SUBJECT_LENGTH} autocomplete="off" />
        <TextArea ctx={ctx} form={form} name="body" label="mail.ooo.body" rows={8} />
        <p class="small muted">{t('mail.ooo.bodyHint', { max: MAX_BODY_LENGTH })}</p>
        <TextField ctx={ctx} form={form} name="days" label="mail.ooo.days" inputMode="numeric" maxLength={2} hint="mail.ooo.daysHint" />
        <fieldset class={`choices${addressError ? ' has-error' : ''}`} id="f-addresses">
          <legend>
            <strong>{t('mail.ooo.addresses')}</strong>
          </legend>
          {addressError && <p class="field-error">{t(addressError.key, addressError.params)}</p>}
          {addresses.length === 0 && <p class="muted small">{t('mail.ooo.error.noAddresses')}</p>}
          {addresses.map((address) => (
            <label class="block">
              <input type="checkbox" name="addresses" value={address.value} checked={state.addresses.includes(address.value)} /> {address.label}
            </label>
          ))}
        </fieldset>
      </FormCard>
      <p class="small muted">{t('mail.ooo.daysMax', { max: MAX_REPLY_DAYS })}</p>
    </section>
  );
}

export function ForwardingEditor(props: { ctx: ViewContext; rules: DeliveryRulesView; state: RulesEditorState; action: string }) {
  const { ctx, state, rules } = props;
  const { t } = ctx;
  const form = { values: state.values, errors: state.errors };
  return (
    <section class="card" id="weiterleitung" aria-labelledby="weiterleitung-title">
      <h2 id="weiterleitung-title">{t('mail.fwd.title')}</h2>
      <p>
        <strong>{rules.forward.target ? t(rules.forward.keepCopy ? 'mail.fwd.stateKeep' : 'mail.fwd.stateMove', { target: rules.forward.target }) : t('mail.fwd.stateOff')}</strong>
      </p>
      <p class="small muted">{t('mail.fwd.intro')}</p>
      <FormCard ctx={ctx} form={form} action={props.action} submit={t('mail.fwd.save')} plain>
        <TextField ctx={ctx} form={form} name="target" label="mail.fwd.target" type="email" autocomplete="off" maxLength={320} hint="mail.fwd.targetHint" />
        <div class="choices">
          <label>
            <input type="checkbox" name="keepCopy" value="1" checked={state.values.keepCopy === '1'} /> {t('mail.fwd.keep')}
          </label>
        </div>
      </FormCard>
    </section>
  );
}
