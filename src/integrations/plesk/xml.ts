/**
 * The small XML subset Plesk's agent.php speaks: elements, attributes, text and the usual five
 * entities. Packets are built as trees so that element order (which Plesk's schema enforces)
 * is explicit, and parsed into the same tree so tests can compare them element by element.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Concatenated text content of a leaf; '' for elements with children. */
  text: string;
}

export class XmlParseError extends Error {}

/** Builds an element: `el('filter', el('name', 'example.de'))`; strings become text. */
export function el(name: string, ...content: (XmlNode | string | number | null | undefined | false)[]): XmlNode {
  const children: XmlNode[] = [];
  let text = '';
  for (const c of content) {
    if (c === null || c === undefined || c === false) continue;
    if (typeof c === 'object') children.push(c);
    else text += String(c);
  }
  return { name, attrs: {}, children, text };
}

export function withAttrs(node: XmlNode, attrs: Record<string, string>): XmlNode {
  return { ...node, attrs: { ...node.attrs, ...attrs } };
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function serializeXml(node: XmlNode, declaration = true): string {
  const write = (n: XmlNode): string => {
    const attrs = Object.entries(n.attrs)
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    if (n.children.length === 0 && n.text === '') return `<${n.name}${attrs}/>`;
    return `<${n.name}${attrs}>${escapeXml(n.text)}${n.children.map(write).join('')}</${n.name}>`;
  };
  return `${declaration ? '<?xml version="1.0" encoding="UTF-8"?>' : ''}${write(node)}`;
}

const ENTITIES = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    // A Map: `&constructor;` from the other side is an unknown entity, not Object's constructor.
    const named = ENTITIES.get(e);
    if (named !== undefined) return named;
    throw new XmlParseError(`unknown entity ${m}`);
  });
}

const NAME = /^[A-Za-z_][\w.\-:]*/;

/** Parses one document; anything malformed (or a DTD, which Plesk never sends) throws XmlParseError. */
export function parseXml(input: string): XmlNode {
  let i = 0;
  const s = input.replace(/^\uFEFF/, '');
  const skipMisc = () => {
    for (;;) {
      while (i < s.length && /\s/.test(s[i]!)) i++;
      if (s.startsWith('<?', i)) {
        const end = s.indexOf('?>', i);
        if (end < 0) throw new XmlParseError('unterminated processing instruction');
        i = end + 2;
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) throw new XmlParseError('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<!', i)) {
        throw new XmlParseError('DTDs are not accepted');
      } else return;
    }
  };
  const readName = () => {
    const m = NAME.exec(s.slice(i, i + 200));
    if (!m) throw new XmlParseError(`element name expected at ${i}`);
    i += m[0].length;
    return m[0];
  };
  const parseElement = (depth: number): XmlNode => {
    if (depth > 64) throw new XmlParseError('nesting too deep');
    if (s[i] !== '<') throw new XmlParseError(`"<" expected at ${i}`);
    i++;
    const name = readName();
    const attrs: Record<string, string> = {};
    for (;;) {
      while (/\s/.test(s[i] ?? '')) i++;
      if (s.startsWith('/>', i)) {
        i += 2;
        return { name, attrs, children: [], text: '' };
      }
      if (s[i] === '>') {
        i++;
        break;
      }
      const attr = readName();
      while (/\s/.test(s[i] ?? '')) i++;
      if (s[i] !== '=') throw new XmlParseError(`"=" expected at ${i}`);
      i++;
      while (/\s/.test(s[i] ?? '')) i++;
      const quote = s[i];
      if (quote !== '"' && quote !== "'") throw new XmlParseError(`quoted value expected at ${i}`);
      const end = s.indexOf(quote, i + 1);
      if (end < 0) throw new XmlParseError('unterminated attribute');
      attrs[attr] = decode(s.slice(i + 1, end));
      i = end + 1;
    }
    const children: XmlNode[] = [];
    let text = '';
    for (;;) {
      if (i >= s.length) throw new XmlParseError(`unterminated element <${name}>`);
      if (s.startsWith('</', i)) {
        i += 2;
        const closing = readName();
        if (closing !== name) throw new XmlParseError(`</${closing}> does not close <${name}>`);
        while (/\s/.test(s[i] ?? '')) i++;
        if (s[i] !== '>') throw new XmlParseError(`">" expected at ${i}`);
        i++;
        return { name, attrs, children, text: children.length > 0 ? '' : text };
      }
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) throw new XmlParseError('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i);
        if (end < 0) throw new XmlParseError('unterminated CDATA');
        text += s.slice(i + 9, end);
        i = end + 3;
      } else if (s[i] === '<') {
        children.push(parseElement(depth + 1));
      } else {
        const next = s.indexOf('<', i);
        const end = next < 0 ? s.length : next;
        text += decode(s.slice(i, end));
        i = end;
      }
    }
  };
  skipMisc();
  const root = parseElement(0);
  skipMisc();
  if (i < s.length) throw new XmlParseError('content after the root element');
  return root;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.filter((c) => c.name === name) ?? [];
}

/** Follows a path of element names: `path(packet, 'server', 'get', 'result')`. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (const n of names) current = child(current, n);
  return current;
}

export function textAt(node: XmlNode | undefined, ...names: string[]): string | undefined {
  return path(node, ...names)?.text;
}

/** A compact, order-preserving picture of a tree for tests: `['filter', [['name', 'x']]]`. */
export type XmlShape = [string, string | XmlShape[]];
export function shapeOf(node: XmlNode): XmlShape {
  return [node.name, node.children.length > 0 ? node.children.map(shapeOf) : node.text];
}
