import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { FormCard, PostButton, TextArea, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import { MAX_BODY } from './ticket.model.ts';
import { StaffSubnav } from './support.parts.tsx';

export function CannedRepliesPage({ ctx, replies, form }: { ctx: ViewContext; replies: { id: number; title: string; body: string }[]; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('support.staff.cannedTitle')}>
      <StaffSubnav ctx={ctx} />
      <h1>{t('support.staff.cannedTitle')}</h1>
      {replies.length === 0 ? (
        <p class="muted">{t('support.staff.cannedEmpty')}</p>
      ) : (
        <ul class="plain">
          {replies.map((reply) => (
            <li>
              <strong>
                <UserText text={reply.title} />
              </strong>
              <div class="message-body small">
                <UserText text={reply.body} />
              </div>
              <PostButton ctx={ctx} action={`/staff/tickets/canned/${reply.id}/delete`} class="button danger" label={`${t('support.staff.cannedDelete')}: ${reply.title}`}>
                {t('support.staff.cannedDelete')}
              </PostButton>
            </li>
          ))}
        </ul>
      )}
      <FormCard ctx={ctx} form={form} action="/staff/tickets/canned" title={t('support.staff.cannedAdd')} submit={t('support.staff.cannedAdd')}>
        <TextField ctx={ctx} form={form} name="title" label="support.staff.cannedName" required maxLength={100} />
        <p class="hint">{t('support.staff.cannedHint')}</p>
        <TextArea ctx={ctx} form={form} name="body" label="support.staff.cannedText" required rows={5} maxLength={MAX_BODY} />
      </FormCard>
    </Layout>
  );
}
