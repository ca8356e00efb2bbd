import { codePointOf, describeHiddenCharacter, splitHiddenCharacters } from '../unicode.ts';

/**
 * Text that someone else typed (a subject, a name, a message, a file name), as staff and
 * customers read it: inside <bdi>, so that its direction cannot reorder the page around it
 * (a ticket number beside an Arabic subject stays where it is), and with every hidden character
 * of `unicode.ts` written out as a visible mark instead of doing its work unseen.
 */
export function UserText(p: { text: string }) {
  return (
    <bdi>
      {splitHiddenCharacters(p.text).map((part) =>
        part.hidden ? (
          <span class="hidden-char" title={describeHiddenCharacter(part.text)}>
            [{codePointOf(part.text)}]
          </span>
        ) : (
          part.text
        ),
      )}
    </bdi>
  );
}

/**
 * A translated text that names something someone else typed: `template` is the text with its
 * `{name}` placeholder left in (`t(key)` without params), `text` goes there as UserText.
 */
export function TextNaming(p: { template: string; text: string }) {
  const parts = p.template.split('{name}');
  return <>{parts.flatMap((part, i) => (i === 0 ? [part] : [<UserText text={p.text} />, part]))}</>;
}
