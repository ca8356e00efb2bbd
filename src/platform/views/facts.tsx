import type { ComponentChildren } from 'preact';

export interface Fact {
  label: string;
  value: ComponentChildren;
}

/** Label and value pairs of one object ("Vertrag: 10001", "Tarif: Mail M"), as a definition list. */
export function Facts(props: { items: (Fact | false | null | undefined)[]; class?: string }) {
  const items = props.items.filter((item): item is Fact => Boolean(item));
  if (items.length === 0) return null;
  return (
    <dl class={props.class ? `facts ${props.class}` : 'facts'}>
      {items.map((item) => (
        <div>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
