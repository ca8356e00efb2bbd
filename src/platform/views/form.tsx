import { isValidElement, type ComponentChildren } from 'preact';
import type { ViewContext, FormState } from './context.ts';
import type { MessageKey } from './i18n.ts';
import { RevealButton } from './secret.tsx';

export function Csrf({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A refusal or failure stated above a form (wrong password, locked, link expired …). */
export function Alert({ ctx, message }: { ctx: ViewContext; message: Message | MessageKey | undefined | null }) {
  if (!message) return null;
  const { key, params } = typeof message === 'string' ? { key: message, params: undefined } : message;
  return (
    <div class="error-summary" role="alert">
      <p>{ctx.t(key, params)}</p>
    </div>
  );
}

/** The labels of the fields among a form's children (TextField, SelectField, TextArea, nested in plain elements), by field name. */
export function fieldLabels(children: ComponentChildren, into: Record<string, MessageKey> = {}): Record<string, MessageKey> {
  if (Array.isArray(children)) {
    for (const child of children) fieldLabels(child, into);
  } else if (isValidElement(children)) {
    const props = children.props as { name?: unknown; label?: unknown; form?: unknown; children?: ComponentChildren };
    const labels = typeof children.type === 'function' ? (children.type as { fieldLabels?: Record<string, MessageKey> }).fieldLabels : undefined;
    if (labels) Object.assign(into, labels);
    if (typeof props.name === 'string' && typeof props.label === 'string' && props.form) into[props.name] = props.label as MessageKey;
    else fieldLabels(props.children, into);
  }
  return into;
}

/**
 * "Please correct …" at the top of a form that came back with errors: every error, each named by
 * its field ("Vorname: Bitte ausfüllen.") and linked to it. `labels` come from `fieldLabels`.
 */
export function ErrorSummary({ ctx, form, message, labels = {} }: { ctx: ViewContext; form: FormState; message?: MessageKey; labels?: Record<string, MessageKey> }) {
  // In the order the fields stand on the page; errors of fields it does not know come last.
  const order = Object.keys(labels);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const entries = Object.entries(form.errors).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0 && !message) return null;
  const { t } = ctx;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <p>{t(message ?? 'common.formErrors')}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, e]) => {
            const text = t(e.key, e.params);
            const label = labels[name];
            // A message about the whole form (name "form") belongs to no field and links nowhere.
            if (name === 'form') return <li>{text}</li>;
            return (
              <li>
                <a href={`#f-${name}`}>{label ? t('common.errorInField', { field: t(label).replace(/ \(.*\)$/, ''), message: text }) : text}</a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: MessageKey;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  hint?: MessageKey;
  inputMode?: string;
  autofocus?: boolean;
}

export function TextField(p: FieldProps) {
  const error = p.form.errors[p.name];
  const id = `f-${p.name}`;
  const describedBy = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const input = (
    <input
      id={id}
      name={p.name}
      type={p.type ?? 'text'}
      value={p.type === 'password' ? '' : (p.form.values[p.name] ?? '')}
      autocomplete={p.autocomplete}
      required={p.required}
      maxLength={p.maxLength}
      inputMode={p.inputMode as any}
      autofocus={p.autofocus}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy}
    />
  );
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{p.ctx.t(p.label)}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.ctx.t(p.hint)}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {p.ctx.t(error.key, error.params)}
        </p>
      )}
      {p.type === 'password' ? (
        <div class="password-input">
          {input}
          <RevealButton ctx={p.ctx} target={id} />
        </div>
      ) : (
        input
      )}
    </div>
  );
}

export function SelectField(p: FieldProps & { options: { value: string; label: string }[] }) {
  const error = p.form.errors[p.name];
  const id = `f-${p.name}`;
  const current = p.form.values[p.name] ?? '';
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{p.ctx.t(p.label)}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {p.ctx.t(error.key, error.params)}
        </p>
      )}
      <select id={id} name={p.name} required={p.required} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  const error = p.form.errors[p.name];
  const id = `f-${p.name}`;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{p.ctx.t(p.label)}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {p.ctx.t(error.key, error.params)}
        </p>
      )}
      <textarea id={id} name={p.name} rows={p.rows ?? 4} required={p.required} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {p.form.values[p.name] ?? ''}
      </textarea>
    </div>
  );
}

export function PostButton(props: { ctx: ViewContext; action: string; children: ComponentChildren; class?: string; label?: string; hidden?: Record<string, string> }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Csrf ctx={props.ctx} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={props.class ?? 'button'} aria-label={props.label}>
        {props.children}
      </button>
    </form>
  );
}

/**
 * A form in a card: heading, the error summary, the CSRF token, the fields, one submit button.
 * Every state-changing form of the app can be one of these.
 */
export function FormCard(props: {
  ctx: ViewContext;
  form: FormState;
  action: string;
  title?: string;
  /** h2 on a page of its own parts, h3 inside a section. */
  level?: 2 | 3;
  submit: string;
  intro?: ComponentChildren;
  multipart?: boolean;
  /** Inside a section that is itself a card. */
  plain?: boolean;
  danger?: boolean;
  id?: string;
  children: ComponentChildren;
}) {
  const Heading = props.level === 3 ? 'h3' : 'h2';
  return (
    <form method="post" action={props.action} class={props.plain ? 'form' : 'card form'} id={props.id} enctype={props.multipart ? 'multipart/form-data' : undefined} novalidate>
      {props.title && <Heading>{props.title}</Heading>}
      {props.intro}
      <Csrf ctx={props.ctx} />
      <ErrorSummary ctx={props.ctx} form={props.form} labels={fieldLabels(props.children)} />
      {props.children}
      <button type="submit" class={props.danger ? 'button danger' : 'button primary'}>
        {props.submit}
      </button>
    </form>
  );
}

/**
 * The confirmation step of an irreversible action, a page section of its own (a plain form, no
 * JavaScript needed): what will happen, then one danger button that posts the action again with
 * `confirm=yes`, and a way back. A reason field where the caller asks for one (`reason`).
 */
export function ConfirmActionForm(props: {
  ctx: ViewContext;
  form: FormState;
  /** Where the confirmed post goes: the action's own route. */
  action: string;
  /** Back to where the action was started; nothing happens. */
  cancelHref: string;
  /** What will happen, as the section's heading ("Textbaustein „Gruß“ löschen?"). */
  title: string;
  /** The consequences, one list item each. */
  consequences: ComponentChildren[];
  submit: string;
  /** Between the list and the form: e.g. that the action has run before. */
  notice?: ComponentChildren;
  reason?: { label: MessageKey; required?: boolean; maxLength?: number };
  id?: string;
}) {
  const { ctx, form } = props;
  const headingId = `${props.id ?? 'confirm'}-what`;
  return (
    <section class="card confirm-action" id={props.id} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      <ul>
        {props.consequences.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
      {props.notice}
      <ErrorSummary ctx={ctx} form={form} labels={props.reason ? { reason: props.reason.label } : {}} />
      <form method="post" action={props.action} class="form" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="confirm" value="yes" />
        {props.reason && <TextArea ctx={ctx} form={form} name="reason" label={props.reason.label} required={props.reason.required} rows={3} maxLength={props.reason.maxLength ?? 500} />}
        <div class="actions">
          <button type="submit" class="button danger">
            {props.submit}
          </button>
          <a class="button" href={props.cancelHref}>
            {ctx.t('common.cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}
