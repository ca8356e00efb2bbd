/** The categories a new installation starts with; `parent` nests a category under another. */
export const SEED_CATEGORIES = [
  { slug: 'email', de: 'E-Mail', en: 'E-mail', parent: null },
  { slug: 'zugangsdaten', de: 'Zugangsdaten', en: 'Credentials', parent: 'email' },
  { slug: 'mailprogramme', de: 'E-Mail-Programme', en: 'Mail clients', parent: 'email' },
  { slug: 'postfaecher', de: 'Postfächer und Adressen', en: 'Mailboxes and addresses', parent: 'email' },
  { slug: 'kundenkonto', de: 'Kundenkonto', en: 'Customer account', parent: null },
  { slug: 'hosting', de: 'Webhosting und Plesk', en: 'Web hosting and Plesk', parent: null },
  { slug: 'support', de: 'Support', en: 'Support', parent: null },
] as const;

export type SeedCategorySlug = (typeof SEED_CATEGORIES)[number]['slug'];
