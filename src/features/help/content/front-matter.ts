/**
 * The front matter of a help article: the small part of YAML the articles use, so that no YAML
 * library is needed. `key: value` lines, and `key:` followed by lines indented by two spaces for
 * one level of nesting. Values are `true`/`false`, integers, inline lists (`[a, b, 1001]`),
 * JSON strings in double quotes, or plain text to the end of the line. Anything else is an error
 * that names the file and line, so that a typo fails the seed instead of changing an article.
 */
export type FrontMatterValue = string | number | boolean | FrontMatterValue[] | { [key: string]: FrontMatterValue };
export type FrontMatter = { [key: string]: FrontMatterValue };

export class FrontMatterError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'FrontMatterError';
  }
}

const KEY_LINE = /^((?:  )?)([A-Za-z][\w-]*):(?: (.*))?$/;

function parseScalar(raw: string, fail: (problem: string) => never): string | number | boolean {
  const text = raw.trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'string') return value;
    } catch {
      // reported below
    }
    return fail(`not a valid quoted string: ${text}`);
  }
  return text;
}

function parseValue(raw: string, fail: (problem: string) => never): FrontMatterValue {
  const text = raw.trim();
  if (!text.startsWith('[')) return parseScalar(text, fail);
  if (!text.endsWith(']')) fail(`unterminated list: ${text}`);
  const inner = text.slice(1, -1).trim();
  return inner === '' ? [] : inner.split(',').map((item) => parseScalar(item, fail));
}

/** Splits `---`-fenced front matter from the body and parses it. */
export function parseFrontMatter(text: string, file: string): { data: FrontMatter; body: string } {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] !== '---') throw new FrontMatterError(file, 1, 'front matter must start with a line "---"');
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new FrontMatterError(file, 1, 'front matter has no closing line "---"');
  const data: FrontMatter = {};
  let open: { key: string; map: FrontMatter } | null = null;
  for (let i = 1; i < end; i++) {
    const line = lines[i]!;
    const fail = (problem: string): never => {
      throw new FrontMatterError(file, i + 1, problem);
    };
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = KEY_LINE.exec(line);
    if (!m) fail(`expected "key: value", got: ${line}`);
    const [, indent, key, value] = m!;
    const target = indent ? open?.map : data;
    if (!target) fail(`indented line outside a nested block: ${line}`);
    if (Object.hasOwn(target!, key!)) fail(`"${key}" appears twice`);
    if (!indent) open = null;
    if (value === undefined || value.trim() === '') {
      if (indent) fail(`"${key}" has no value (only one level of nesting is supported)`);
      const map: FrontMatter = {};
      data[key!] = map;
      open = { key: key!, map };
    } else {
      target![key!] = parseValue(value, fail);
    }
  }
  return { data, body: lines.slice(end + 1).join('\n') };
}
