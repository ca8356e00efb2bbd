import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ConfirmActionForm } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { TextNaming, UserText } from '../../platform/views/user-text.tsx';
import { StaffSubnav } from './support.parts.tsx';

/** Deleting a canned reply, asked first: which one (title and text), and that it is gone for everyone. */
export function CannedReplyDeletePage({ ctx, reply, form }: { ctx: ViewContext; reply: { id: number; title: string; body: string }; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('support.staff.cannedDeleteTitle', { name: reply.title })}>
      <StaffSubnav ctx={ctx} />
      <h1>
        <TextNaming template={t('support.staff.cannedDeleteTitle')} text={reply.title} />
      </h1>
      <ConfirmActionForm
        ctx={ctx}
        form={form}
        action={`/staff/tickets/canned/${reply.id}/delete`}
        cancelHref="/staff/tickets/canned"
        title={t('support.staff.cannedDeleteWhat')}
        consequences={[<TextNaming template={t('support.staff.cannedDeleteGone')} text={reply.title} />, t('support.staff.cannedDeleteReplies'), t('support.staff.cannedDeleteFinal')]}
        notice={
          <>
            <p class="small">{t('support.staff.cannedDeleteText')}</p>
            <div class="message-body small">
              <UserText text={reply.body} />
            </div>
          </>
        }
        submit={t('support.staff.cannedDeleteSubmit')}
      />
    </Layout>
  );
}
