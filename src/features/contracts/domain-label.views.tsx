/**
 * A domain as staff must read it: the Unicode form and, where it differs, the punycode form
 * beside it. Only the punycode shows that "mustermann-bеispiel.de" has a Cyrillic "е" in it.
 */
export function DomainLabel({ unicode, ascii }: { unicode: string; ascii: string }) {
  return (
    <>
      <bdi class="domain-name">{unicode}</bdi>
      {unicode !== ascii && (
        <>
          {' '}
          <small class="muted punycode">({ascii})</small>
        </>
      )}
    </>
  );
}
