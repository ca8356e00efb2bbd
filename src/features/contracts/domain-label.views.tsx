/**
 * A domain as staff must read it: the Unicode form and, where it differs, the punycode form
 * beside it. Only the punycode shows that "mustermann-bеispiel.de" has a Cyrillic "е" in it.
 */
export function DomainLabel(p: { unicode: string; ascii: string }) {
  return (
    <>
      <bdi class="domain-name">{p.unicode}</bdi>
      {p.unicode !== p.ascii && (
        <>
          {' '}
          <small class="muted punycode">({p.ascii})</small>
        </>
      )}
    </>
  );
}
