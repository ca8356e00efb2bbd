import type { Branding } from '../branding.ts';
import type { Language } from '../db/database.ts';
import type { FieldErrors } from '../errors.ts';
import type { MessageKey, Translate } from './i18n.ts';

export interface Flash {
  kind: 'success' | 'info' | 'error';
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A staff member's role, for the header's admin-only links. */
export type ViewerRole = 'agent' | 'admin';

export type Viewer =
  | { kind: 'customer'; name: string; customerNumber: string }
  | { kind: 'staff'; login: string; role: ViewerRole }
  | null;

/** What every page needs besides its own data; built once per request by the http layer. */
export interface ViewContext {
  t: Translate;
  lang: Language;
  csrfToken: string;
  path: string;
  viewer: Viewer;
  flash: Flash | null;
  /** The host's name, logo, colour and legal links (settings). */
  branding: Branding;
}

/** A form being shown again: what the user typed and what was wrong with it. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });
