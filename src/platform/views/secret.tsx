import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import { Facts, type Fact } from './facts.tsx';

/*
 * One-time secrets and password fields, enhanced by public/ui.js: the buttons are rendered
 * `hidden` and shown by the script, so without JavaScript the page shows the secret as text
 * (selectable) and no button that does nothing.
 */

/** A secret shown once, with a copy button. `copyText` is what is copied when it differs from what is shown (a grouped key). */
export function Secret(props: { ctx: ViewContext; id: string; value: string; copyText?: string; class?: string }) {
  return (
    <span class="secret-copy" id={props.id}>
      <code class={props.class ?? 'secret-value'} data-secret={props.copyText}>
        {props.value}
      </code>{' '}
      <CopyButton ctx={props.ctx} target={props.id} />
    </span>
  );
}

/** The card of a page that shows secrets once: that they are shown once, the facts (a `Secret` among them), a hint below. */
export function SecretCard(props: { intro: ComponentChildren; items: (Fact | false | null | undefined)[]; hint?: ComponentChildren }) {
  return (
    <div class="card secret">
      <p>{props.intro}</p>
      <Facts items={props.items} />
      {props.hint && <p class="small muted">{props.hint}</p>}
    </div>
  );
}

/** Copies the element `target` (its data-secret, else the data-secret or text of the first `code` in it) and says so in a live region. */
export function CopyButton({ ctx, target }: { ctx: ViewContext; target: string }) {
  return (
    <>
      <button type="button" class="button small copy-button" data-copy={target} data-copied={ctx.t('common.copied')} data-selected={ctx.t('common.copySelected')} aria-describedby={`${target}-status`} hidden>
        {ctx.t('common.copy')}
      </button>
      <span class="copy-status" id={`${target}-status`} role="status" aria-live="polite"></span>
    </>
  );
}

/** Print and download (.txt, made in the browser: the secrets never leave the page again) for a list of secrets. */
export function SecretListActions({ ctx, target, filename }: { ctx: ViewContext; target: string; filename: string }) {
  return (
    <p class="secret-actions">
      <CopyButton ctx={ctx} target={target} />
      <button type="button" class="button small" data-print hidden>
        {ctx.t('common.print')}
      </button>
      <button type="button" class="button small" data-download={target} data-filename={filename} hidden>
        {ctx.t('common.downloadText')}
      </button>
    </p>
  );
}

/** Shows or hides the password typed into the input `target`. */
export function RevealButton({ ctx, target }: { ctx: ViewContext; target: string }) {
  return (
    <button type="button" class="button small reveal-button" data-reveal={target} data-show={ctx.t('password.show')} data-hide={ctx.t('password.hide')} aria-controls={target} hidden>
      {ctx.t('password.show')}
    </button>
  );
}
