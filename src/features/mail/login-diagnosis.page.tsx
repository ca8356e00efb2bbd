import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { SelectField, TextField } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { Diagnosis, Finding, FailureReason, LoginChannel, NextStep, Severity } from './login-diagnosis.ts';
import type { MailEndpoint, MailServerSettings } from './mail.config.ts';
import { ServerTable } from './server-table.views.tsx';

/**
 * Who reads the diagnosis decides what its next step links to: whoever manages the contract's
 * mail (the customer or the `.001` login) goes to the mailbox page; a mailbox user to their own
 * password form, and is told whom to ask for the rest; staff read what the customer reads.
 */
export type DiagnosisAudience =
  | { kind: 'manager'; mailboxUrl: string; supportUrl: string | null }
  | { kind: 'mailbox-user'; passwordUrl: string }
  | { kind: 'staff'; contractNumber: string };

const CHANNEL: Record<LoginChannel, MessageKey> = {
  imap: 'mail.diag.channel.imap',
  pop3: 'mail.diag.channel.pop3',
  smtp: 'mail.diag.channel.smtp',
  web: 'mail.diag.channel.web',
};

const REASON: Record<FailureReason, MessageKey> = {
  password: 'mail.diag.reason.wrong_password',
  unknown: 'mail.diag.reason.unknown_name',
  inactive: 'mail.diag.reason.deactivated',
  protocol: 'mail.diag.reason.protocol_off',
  throttled: 'mail.diag.reason.throttled',
};

const SEVERITY: Record<Severity, MessageKey> = { ok: 'mail.diag.state.ok', problem: 'mail.diag.state.problem', info: 'mail.diag.state.info' };

const SECURITY: Record<MailEndpoint['security'], MessageKey> = { tls: 'mail.cred.tls', starttls: 'mail.cred.starttls' };

export function LoginDiagnosisPage(props: {
  ctx: ViewContext;
  /** The mailbox as its owner knows it: its first address, else its account name. */
  mailbox: string;
  audience: DiagnosisAudience;
  /** Where the question form sends its GET. */
  action: string;
  question: FormState;
  diagnosis: Diagnosis;
  server: MailServerSettings;
  back: { href: string; label: string };
}) {
  const { ctx, diagnosis, audience } = props;
  const { t } = ctx;
  const protocols = [
    { value: '', label: t('mail.diag.protocolAny') },
    { value: 'imap', label: t('mail.diag.protocolImap') },
    { value: 'pop3', label: t('mail.diag.protocolPop3') },
    { value: 'smtp', label: t('mail.diag.protocolSmtp') },
  ];
  return (
    <Layout ctx={ctx} title={`${t('mail.diag.title')} – ${props.mailbox}`} hideNav={audience.kind === 'mailbox-user'}>
      <p class="small">
        <a href={props.back.href}>← {props.back.label}</a>
      </p>
      <h1>{t('mail.diag.title')}</h1>
      <p class="lead">
        {audience.kind === 'staff' ? t('mail.diag.staffIntro', { mailbox: props.mailbox, contract: audience.contractNumber }) : t('mail.diag.intro', { mailbox: props.mailbox })}
      </p>

      <DiagnosisNextStep ctx={ctx} diagnosis={diagnosis} audience={audience} />

      <form method="get" action={props.action} class="card form">
        <h2>{t('mail.diag.question')}</h2>
        <SelectField ctx={ctx} form={props.question} name="protocol" label="mail.diag.protocol" options={protocols} />
        <TextField ctx={ctx} form={props.question} name="login" label="mail.diag.login" maxLength={320} autocomplete="off" />
        <TextField ctx={ctx} form={props.question} name="server" label="mail.diag.server" maxLength={253} autocomplete="off" />
        <button type="submit" class="button">
          {t('mail.diag.check')}
        </button>
      </form>

      <section class="card" aria-labelledby="diag-checks">
        <h2 id="diag-checks">{t('mail.diag.checksTitle')}</h2>
        <DiagnosisFindings ctx={ctx} diagnosis={diagnosis} />
      </section>

      <section class="card" aria-labelledby="diag-servers">
        <h2 id="diag-servers">{t('mail.diag.serversTitle')}</h2>
        <ServerTable ctx={ctx} server={props.server} />
      </section>
    </Layout>
  );
}

/** The one next step, in a card of its own (also embedded in the staff ticket view). */
export function DiagnosisNextStep({ ctx, diagnosis, audience, level = 2 }: { ctx: ViewContext; diagnosis: Diagnosis; audience: DiagnosisAudience; level?: 2 | 3 }) {
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <section class={level === 2 ? 'card diag-next' : 'diag-next'} aria-label={ctx.t('mail.diag.nextTitle')}>
      <Heading>{ctx.t('mail.diag.nextTitle')}</Heading>
      <NextStepText ctx={ctx} step={diagnosis.next} audience={audience} />
    </section>
  );
}

/** Every check with its state in words ("In Ordnung", "Problem", "Hinweis"), not in colour alone. */
export function DiagnosisFindings({ ctx, diagnosis }: { ctx: ViewContext; diagnosis: Diagnosis }) {
  return (
    <ul class="diag-findings">
      {diagnosis.findings.map(({ finding, severity }) => (
        <li class={`diag-finding diag-${severity}`}>
          <span class={`badge diag-badge-${severity}`}>{ctx.t(SEVERITY[severity])}</span> <FindingText ctx={ctx} finding={finding} />
        </li>
      ))}
    </ul>
  );
}

function FindingText({ ctx, finding }: { ctx: ViewContext; finding: Finding }) {
  const { t, lang } = ctx;
  const when = (iso: string) => formatDateTime(iso, lang);
  const channel = (c: LoginChannel) => t(CHANNEL[c]);
  const list = (logins: string[]) => logins.join(t('mail.diag.or'));
  switch (finding.kind) {
    case 'account-active':
      return <>{t('mail.diag.f.accountActive')}</>;
    case 'account-inactive':
      return <>{t('mail.diag.f.accountInactive')}</>;
    case 'protocol-on':
      return <>{t('mail.diag.f.protocolOn', { protocol: channel(finding.protocol) })}</>;
    case 'protocol-off':
      return <>{t('mail.diag.f.protocolOff', { protocol: channel(finding.protocol) })}</>;
    case 'app-passwords-only':
      return <>{t('mail.diag.f.appPasswordsOnly')}</>;
    case 'login-right':
      return <>{t('mail.diag.f.loginRight', { login: finding.login })}</>;
    case 'login-wrong':
      return <>{t('mail.diag.f.loginWrong', { typed: finding.typed, logins: list(finding.logins) })}</>;
    case 'logins':
      return <>{t('mail.diag.f.logins', { logins: list(finding.logins) })}</>;
    case 'server-right':
      return <>{t('mail.diag.f.serverRight', { host: finding.endpoint.host, protocol: channel(finding.protocol) })}</>;
    case 'server-wrong':
      return <>{t('mail.diag.f.serverWrong', { typed: finding.typed, protocol: channel(finding.protocol), ...endpointParams(ctx, finding.endpoint) })}</>;
    case 'old-password':
      return <>{t('mail.diag.f.oldPassword', { address: finding.address, changedAt: when(finding.changedAt), count: finding.count, channel: channel(finding.channel), since: when(finding.since) })}</>;
    case 'failures': {
      const { line } = finding;
      return <>{t('mail.diag.f.failures', { count: line.count, reason: t(REASON[line.reason]), channel: channel(line.channel), address: line.address, lastAt: when(line.lastAt) })}</>;
    }
    case 'no-failures':
      return <>{t('mail.diag.f.noFailures')}</>;
    case 'throttled':
      return <>{t('mail.diag.f.throttled', { address: finding.address, until: when(finding.until) })}</>;
    case 'last-success': {
      const { line } = finding;
      const params = { channel: channel(line.channel), at: when(line.at), address: line.address };
      return line.tls === null ? <>{t('mail.diag.f.lastSuccess', params)}</> : <>{t('mail.diag.f.lastSuccessTls', { ...params, tls: t(line.tls ? 'mail.diag.encrypted' : 'mail.diag.unencrypted') })}</>;
    }
  }
}

const endpointParams = (ctx: ViewContext, endpoint: MailEndpoint) => ({ host: endpoint.host, port: endpoint.port, security: ctx.t(SECURITY[endpoint.security]) });

function NextStepText({ ctx, step, audience }: { ctx: ViewContext; step: NextStep; audience: DiagnosisAudience }) {
  const { t, lang } = ctx;
  const manager = audience.kind !== 'mailbox-user';
  const mailboxLink = audience.kind === 'manager' && <ActionLink href={audience.mailboxUrl} label={t('mail.diag.a.mailbox')} />;
  switch (step.kind) {
    case 'activate':
      return (
        <>
          <p>{t(manager ? 'mail.diag.n.activate' : 'mail.diag.n.activateAsk')}</p>
          {mailboxLink}
        </>
      );
    case 'enable-protocol': {
      const protocol = t(CHANNEL[step.protocol]);
      return (
        <>
          <p>{t(manager ? 'mail.diag.n.enableProtocol' : 'mail.diag.n.enableProtocolAsk', { protocol })}</p>
          {mailboxLink}
        </>
      );
    }
    case 'fix-login':
      return <p>{t('mail.diag.n.fixLogin', { login: step.login })}</p>;
    case 'fix-server':
      return <p>{t('mail.diag.n.fixServer', { protocol: t(CHANNEL[step.protocol]), ...endpointParams(ctx, step.endpoint) })}</p>;
    case 'new-password':
      return (
        <>
          <p>{t('mail.diag.n.newPassword')}</p>
          {audience.kind === 'manager' && <ActionLink href={audience.mailboxUrl} label={t('mail.diag.a.newPassword')} />}
          {audience.kind === 'mailbox-user' && <ActionLink href={audience.passwordUrl} label={t('mail.diag.a.newPassword')} />}
        </>
      );
    case 'use-app-password':
      return (
        <>
          <p>{t('mail.diag.n.useAppPassword')}</p>
          {audience.kind === 'manager' && <ActionLink href={`${audience.mailboxUrl}#app-passwoerter`} label={t('mail.diag.a.appPassword')} />}
          {audience.kind === 'mailbox-user' && <ActionLink href="/mail-admin/postfach#app-passwoerter" label={t('mail.diag.a.appPassword')} />}
        </>
      );
    case 'wait':
      return <p>{t('mail.diag.n.wait', { until: formatDateTime(step.until, lang) })}</p>;
    case 'nothing-found':
      return (
        <>
          <p>{t('mail.diag.n.nothingFound')}</p>
          {audience.kind === 'manager' && audience.supportUrl && <ActionLink href={audience.supportUrl} label={t('mail.diag.a.support')} />}
        </>
      );
  }
}

function ActionLink({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <a class="button" href={href}>
        {label}
      </a>
    </p>
  );
}
