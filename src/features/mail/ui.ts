/** Mail's components that other features' pages embed (views stay out of index.ts). */
export { ServerTable } from './server-table.views.tsx';
export { DiagnosisFindings, DiagnosisNextStep, type DiagnosisAudience } from './login-diagnosis.page.tsx';
export { LoginActivitySection, ContractLoginActivityDetails } from './login-activity.views.tsx';
export { AutoReplyEditor, editorStateOf, storedAutoReplyState, type RulesEditorState } from './delivery-rules.views.tsx';
export { MailboxUsageTable, UsageCell } from './mail-quota.views.tsx';
