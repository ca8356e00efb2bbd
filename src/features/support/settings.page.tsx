import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { FormCard, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { SupportSettings } from './support.settings.ts';
import { StaffSubnav } from './support.parts.tsx';

/** The SupportCenter's settings, for administrators. */
export function SettingsPage({ ctx, settings, form }: { ctx: ViewContext; settings: SupportSettings; form: FormState }) {
  const { t } = ctx;
  const withSettings = { ...form, values: { autoCloseDays: String(settings.autoCloseDays), notifyTo: settings.notifyTo, ...form.values } };
  // A form sent back has no selfService at all when the box was unticked.
  const sentBack = Object.keys(form.values).length > 0;
  const checked = sentBack ? form.values.selfService === 'on' : settings.selfServiceAdminPassword;
  return (
    <Layout ctx={ctx} title={t('support.staff.settingsTitle')}>
      <StaffSubnav ctx={ctx} />
      <h1>{t('support.staff.settingsTitle')}</h1>
      <FormCard ctx={ctx} form={form} action="/staff/tickets/settings" submit={t('support.staff.settingsSave')}>
        <div class="field checkbox">
          <input id="f-selfService" type="checkbox" name="selfService" value="on" checked={checked} /> <label for="f-selfService">{t('support.staff.settingSelfService')}</label>
        </div>
        <TextField ctx={ctx} form={withSettings} name="autoCloseDays" label="support.staff.settingAutoClose" inputMode="numeric" maxLength={3} />
        <TextField ctx={ctx} form={withSettings} name="notifyTo" label="support.staff.settingNotifyTo" type="email" maxLength={200} />
      </FormCard>
    </Layout>
  );
}
