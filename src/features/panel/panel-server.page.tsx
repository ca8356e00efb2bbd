import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { FormCard, PostButton, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { displayName, type PanelError } from '../../integrations/plesk/index.ts';
import type { PanelServer } from '../contracts/index.ts';
import { PANEL_VERSION_CHOICES } from './panel.forms.ts';
import { staffFailureLabel } from './panel.parts.tsx';

/** What the server said about itself when last asked, and the button to ask again. */
function Detection({ ctx, server, error }: { ctx: ViewContext; server: PanelServer; error: PanelError | null }) {
  const { t, lang } = ctx;
  return (
    <section class="card">
      <h2>{t('plesk.admin.detected')}</h2>
      {error && (
        <div class="error-summary" role="alert" id="detect-error">
          <p>{t(staffFailureLabel(error), { code: error.code ?? '' })}</p>
          <p>
            <code>{error.detail}</code>
          </p>
        </div>
      )}
      <p id="detected-version">
        {server.detectedVersion
          ? t('plesk.admin.detectedAs', { version: displayName(server.detectedVersion), protocol: server.protocol ?? '', at: server.detectedAt ? formatDateTime(server.detectedAt, lang) : '' })
          : t('plesk.admin.notDetected')}
      </p>
      <PostButton ctx={ctx} action={`/staff/panel-servers/${server.id}/detect`} class="button wrap">
        {t('plesk.admin.detect')}
      </PostButton>
    </section>
  );
}

/** A new Plesk server (`server` null) or a stored one: its API access and what it detected. */
export function PanelServerPage(props: { ctx: ViewContext; server: PanelServer | null; form: FormState; detectError?: PanelError | null }) {
  const { ctx, server, form } = props;
  const { t } = ctx;
  const title = server ? t('plesk.admin.editTitle', { name: server.name }) : t('plesk.admin.new');
  return (
    <Layout ctx={ctx} title={title} narrow>
      <h1>{title}</h1>
      {server && <Detection ctx={ctx} server={server} error={props.detectError ?? null} />}
      <FormCard ctx={ctx} form={form} action={server ? `/staff/panel-servers/${server.id}` : '/staff/panel-servers'} submit={t('plesk.admin.save')}>
        <TextField ctx={ctx} form={form} name="name" label="plesk.admin.name" required maxLength={100} hint="plesk.admin.nameHint" />
        <TextField ctx={ctx} form={form} name="url" label="plesk.admin.url" type="url" required maxLength={300} hint="plesk.admin.urlHint" />
        <SelectField
          ctx={ctx}
          form={form}
          name="version"
          label="plesk.admin.version"
          options={PANEL_VERSION_CHOICES.map((version) => ({ value: version, label: version === '' ? t('plesk.admin.versionUnknown') : displayName(version) }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="authKind"
          label="plesk.admin.access"
          options={[
            { value: 'key', label: t('plesk.admin.authKey') },
            { value: 'password', label: t('plesk.admin.authPassword') },
          ]}
        />
        <TextField ctx={ctx} form={form} name="apiLogin" label="plesk.admin.apiLogin" autocomplete="off" maxLength={100} hint="plesk.admin.apiLoginHint" />
        <TextField ctx={ctx} form={form} name="secret" type="password" label="plesk.admin.secret" autocomplete="new-password" maxLength={500} hint={server ? 'plesk.admin.secretKeep' : 'plesk.admin.secretHint'} />
        <TextArea ctx={ctx} form={form} name="caPem" label="plesk.admin.ca" rows={6} />
        <p class="hint">{t('plesk.admin.caHint')}</p>
        <div class="field checkbox">
          <input id="f-mailPasswordEnabled" type="checkbox" name="mailPasswordEnabled" value="on" checked={!!form.values.mailPasswordEnabled} />
          <label for="f-mailPasswordEnabled">{t('plesk.admin.mailPasswordEnabled')}</label>
        </div>
      </FormCard>
      <p>
        <a href="/staff/panel-servers">{t('common.back')}</a>
      </p>
    </Layout>
  );
}
