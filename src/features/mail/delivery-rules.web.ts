import { AUTO_REPLY_TEMPLATES, type DeliveryRulesView } from './delivery-rules.service.ts';
import { storedAutoReplyState, storedForwardingState, type RulesEditorState } from './delivery-rules.views.tsx';

/** `?vorlage=de|en`: the template the editor starts from; anything else is none. */
export function templateOf(raw: unknown): { subject: string; body: string } | undefined {
  return raw === 'de' || raw === 'en' ? AUTO_REPLY_TEMPLATES[raw] : undefined;
}

/** Both editors of a page: one shown again as typed (with its errors), the other as stored. */
export interface DeliveryEditors {
  rules: DeliveryRulesView;
  autoReply: RulesEditorState;
  forwarding: RulesEditorState;
}

export function deliveryRulesEditors(rules: DeliveryRulesView, typed: { autoReply?: RulesEditorState; forwarding?: RulesEditorState }, template?: { subject: string; body: string }): DeliveryEditors {
  return {
    rules,
    autoReply: typed.autoReply ?? storedAutoReplyState(rules, template),
    forwarding: typed.forwarding ?? storedForwardingState(rules),
  };
}
