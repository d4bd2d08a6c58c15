/**
 * A small GraphQL parser and executor, enough for a contract server to answer real query text:
 * operations with variables, aliases, arguments (all literal kinds), nested selections, inline
 * fragments and named fragments. Resolution is by plain objects whose fields are values or
 * functions of their arguments; asking for a field the object does not define is a validation error,
 * as it would be against the real schema.
 */

export type ValueNode =
  | { kind: 'var'; name: string }
  | { kind: 'lit'; value: null | boolean | number | string }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; items: ValueNode[] }
  | { kind: 'obj'; fields: Record<string, ValueNode> };

export interface FieldNode {
  kind: 'field';
  alias: string | null;
  name: string;
  args: Record<string, ValueNode>;
  selections: SelectionNode[] | null;
  line: number;
  column: number;
}
export interface InlineFragmentNode {
  kind: 'inline';
  typeCondition: string | null;
  selections: SelectionNode[];
}
export interface SpreadNode {
  kind: 'spread';
  name: string;
}
export type SelectionNode = FieldNode | InlineFragmentNode | SpreadNode;

export interface VariableDefinition {
  name: string;
  type: string;
  nonNull: boolean;
  defaultValue: ValueNode | null;
}

export interface OperationNode {
  operation: 'query' | 'mutation';
  name: string | null;
  variables: VariableDefinition[];
  selections: SelectionNode[];
}

export interface DocumentNode {
  operations: OperationNode[];
  fragments: Map<string, { typeCondition: string; selections: SelectionNode[] }>;
}

export class GraphQLSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

interface Token {
  kind: 'punct' | 'name' | 'string' | 'number' | 'eof';
  value: string;
  line: number;
  column: number;
}

function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (): { line: number; column: number } => ({ line, column: i - lineStart + 1 });
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const pos = at();
    if (src.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...', ...pos });
      i += 3;
      continue;
    }
    if ('!$&()=:@[]{}|'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, ...pos });
      i++;
      continue;
    }
    if (/[_A-Za-z]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[_0-9A-Za-z]/.test(src[j] ?? '')) j++;
      tokens.push({ kind: 'name', value: src.slice(i, j), ...pos });
      i = j;
      continue;
    }
    if (c === '-' || /\d/.test(c)) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new GraphQLSyntaxError(`Unexpected character "${c}"`, pos.line, pos.column);
      tokens.push({ kind: 'number', value: m[0], ...pos });
      i += m[0].length;
      continue;
    }
    if (src.startsWith('"""', i)) {
      const end = src.indexOf('"""', i + 3);
      if (end < 0) throw new GraphQLSyntaxError('Unterminated block string', pos.line, pos.column);
      const raw = src.slice(i + 3, end);
      tokens.push({ kind: 'string', value: raw.replace(/\\"""/g, '"""'), ...pos });
      for (const ch of raw) if (ch === '\n') line++;
      i = end + 3;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let out = '';
      for (;;) {
        if (j >= src.length || src[j] === '\n') throw new GraphQLSyntaxError('Unterminated string', pos.line, pos.column);
        const ch = src[j];
        if (ch === '"') break;
        if (ch === '\\') {
          const e = src[j + 1] ?? '';
          const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (e in simple) {
            out += simple[e];
            j += 2;
          } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(j + 2, j + 6))) {
            out += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
            j += 6;
          } else throw new GraphQLSyntaxError(`Invalid escape "\\${e}"`, pos.line, pos.column);
          continue;
        }
        out += ch;
        j++;
      }
      tokens.push({ kind: 'string', value: out, ...pos });
      i = j + 1;
      continue;
    }
    throw new GraphQLSyntaxError(`Unexpected character "${c}"`, pos.line, pos.column);
  }
  tokens.push({ kind: 'eof', value: '', line, column: i - lineStart + 1 });
  return tokens;
}

export function parse(src: string): DocumentNode {
  const t = lex(src);
  let p = 0;
  // lex() always ends the list with an eof token; reading past it keeps answering that token.
  const eof: Token = t.at(-1) ?? { kind: 'eof', value: '', line: 1, column: 1 };
  const peek = (): Token => t[p] ?? eof;
  const fail = (msg: string): never => {
    throw new GraphQLSyntaxError(msg, peek().line, peek().column);
  };
  const expect = (value: string): Token => {
    const tok = peek();
    if (tok.kind === 'eof' || tok.value !== value || tok.kind === 'string') fail(`Expected "${value}", found ${tok.kind === 'eof' ? '<EOF>' : `"${tok.value}"`}`);
    p++;
    return tok;
  };
  const isPunct = (v: string) => peek().kind === 'punct' && peek().value === v;
  const name = (): string => {
    const tok = peek();
    if (tok.kind !== 'name') fail(`Expected a name, found "${tok.value}"`);
    p++;
    return tok.value;
  };

  const value = (constOnly: boolean): ValueNode => {
    const tok = peek();
    if (tok.kind === 'punct' && tok.value === '$') {
      if (constOnly) fail('Variables are not allowed here');
      p++;
      return { kind: 'var', name: name() };
    }
    if (tok.kind === 'number') {
      p++;
      return { kind: 'lit', value: Number(tok.value) };
    }
    if (tok.kind === 'string') {
      p++;
      return { kind: 'lit', value: tok.value };
    }
    if (tok.kind === 'name') {
      p++;
      if (tok.value === 'true') return { kind: 'lit', value: true };
      if (tok.value === 'false') return { kind: 'lit', value: false };
      if (tok.value === 'null') return { kind: 'lit', value: null };
      return { kind: 'enum', value: tok.value };
    }
    if (isPunct('[')) {
      p++;
      const items: ValueNode[] = [];
      while (!isPunct(']')) items.push(value(constOnly));
      p++;
      return { kind: 'list', items };
    }
    if (isPunct('{')) {
      p++;
      const fields: Record<string, ValueNode> = {};
      while (!isPunct('}')) {
        const k = name();
        expect(':');
        fields[k] = value(constOnly);
      }
      p++;
      return { kind: 'obj', fields };
    }
    return fail(`Unexpected "${tok.value}"`);
  };

  const args = (): Record<string, ValueNode> => {
    const out: Record<string, ValueNode> = {};
    if (!isPunct('(')) return out;
    p++;
    while (!isPunct(')')) {
      const k = name();
      expect(':');
      out[k] = value(false);
    }
    p++;
    return out;
  };

  const skipDirectives = () => {
    while (isPunct('@')) {
      p++;
      name();
      args();
    }
  };

  const selectionSet = (): SelectionNode[] => {
    expect('{');
    const out: SelectionNode[] = [];
    while (!isPunct('}')) {
      if (peek().kind === 'eof') fail('Unexpected <EOF>');
      if (isPunct('...')) {
        p++;
        if (peek().kind === 'name' && peek().value === 'on') {
          p++;
          const typeCondition = name();
          skipDirectives();
          out.push({ kind: 'inline', typeCondition, selections: selectionSet() });
        } else if (isPunct('{') || isPunct('@')) {
          skipDirectives();
          out.push({ kind: 'inline', typeCondition: null, selections: selectionSet() });
        } else {
          out.push({ kind: 'spread', name: name() });
          skipDirectives();
        }
        continue;
      }
      const tok = peek();
      let fieldName = name();
      let alias: string | null = null;
      if (isPunct(':')) {
        p++;
        alias = fieldName;
        fieldName = name();
      }
      const a = args();
      skipDirectives();
      const sel = isPunct('{') ? selectionSet() : null;
      out.push({ kind: 'field', alias, name: fieldName, args: a, selections: sel, line: tok.line, column: tok.column });
    }
    p++;
    return out;
  };

  const typeRef = (): { type: string; nonNull: boolean } => {
    let type: string;
    if (isPunct('[')) {
      p++;
      const inner = typeRef();
      expect(']');
      type = `[${inner.type}${inner.nonNull ? '!' : ''}]`;
    } else type = name();
    let nonNull = false;
    if (isPunct('!')) {
      p++;
      nonNull = true;
    }
    return { type, nonNull };
  };

  const doc: DocumentNode = { operations: [], fragments: new Map() };
  while (peek().kind !== 'eof') {
    if (isPunct('{')) {
      doc.operations.push({ operation: 'query', name: null, variables: [], selections: selectionSet() });
      continue;
    }
    const kw = name();
    if (kw === 'fragment') {
      const fname = name();
      if (name() !== 'on') fail('Expected "on"');
      const typeCondition = name();
      skipDirectives();
      doc.fragments.set(fname, { typeCondition, selections: selectionSet() });
      continue;
    }
    if (kw !== 'query' && kw !== 'mutation') fail(`Unsupported definition "${kw}"`);
    const opName = peek().kind === 'name' ? name() : null;
    const variables: VariableDefinition[] = [];
    if (isPunct('(')) {
      p++;
      while (!isPunct(')')) {
        expect('$');
        const vname = name();
        expect(':');
        const tr = typeRef();
        let def: ValueNode | null = null;
        if (isPunct('=')) {
          p++;
          def = value(true);
        }
        variables.push({ name: vname, type: tr.type, nonNull: tr.nonNull, defaultValue: def });
      }
      p++;
    }
    skipDirectives();
    doc.operations.push({ operation: kw === 'mutation' ? 'mutation' : 'query', name: opName, variables, selections: selectionSet() });
  }
  return doc;
}

export function valueOf(node: ValueNode, vars: Record<string, unknown>): unknown {
  switch (node.kind) {
    case 'var':
      return vars[node.name] ?? null;
    case 'lit':
      return node.value;
    case 'enum':
      return node.value;
    case 'list':
      return node.items.map((i) => valueOf(i, vars));
    case 'obj': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node.fields)) o[k] = valueOf(v, vars);
      return o;
    }
  }
}

export interface GraphQLErrorJson {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

/** Thrown by resolvers to fail a field (data for it becomes null, the error is listed). */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

class ValidationFailure extends Error {
  constructor(readonly error: GraphQLErrorJson) {
    super(error.message);
  }
}

export type Resolver = (args: Record<string, unknown>) => unknown;
/** An object the executor can select from; `__typename` is required for fragments and errors. */
export type GqlObject = { __typename: string } & Record<string, unknown>;

export interface ExecutionResult {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorJson[];
}

function collectFields(selections: SelectionNode[], typename: string, doc: DocumentNode, out: FieldNode[] = []): FieldNode[] {
  for (const s of selections) {
    if (s.kind === 'field') out.push(s);
    else if (s.kind === 'inline') {
      if (s.typeCondition === null || s.typeCondition === typename) collectFields(s.selections, typename, doc, out);
    } else {
      const frag = doc.fragments.get(s.name);
      if (!frag) throw new ValidationFailure({ message: `Fragment ${s.name} was used, but not defined`, extensions: { code: 'useAndDefineFragment' } });
      if (frag.typeCondition === typename) collectFields(frag.selections, typename, doc, out);
    }
  }
  return out;
}

export function execute(
  doc: DocumentNode,
  root: { query: GqlObject; mutation: GqlObject },
  variables: Record<string, unknown>,
  operationName?: string | null,
): { result: ExecutionResult; operation: OperationNode | null } {
  const ops = doc.operations;
  const op = operationName ? ops.find((o) => o.name === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op) {
    const message = operationName ? `No operation named "${operationName}"` : 'An operation name is required when the document has several operations';
    return { result: { errors: [{ message }] }, operation: null };
  }
  const vars: Record<string, unknown> = {};
  for (const def of op.variables) {
    const provided = variables[def.name];
    if (provided === undefined || provided === null) {
      if (def.defaultValue) vars[def.name] = valueOf(def.defaultValue, {});
      else if (def.nonNull) {
        return {
          result: { errors: [{ message: `Variable $${def.name} of type ${def.type}! was provided invalid value`, extensions: { code: 'INVALID_VARIABLE', value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] } }] },
          operation: op,
        };
      } else vars[def.name] = null;
    } else vars[def.name] = provided;
  }
  const errors: GraphQLErrorJson[] = [];

  const resolveObject = (obj: GqlObject, selections: SelectionNode[], path: Array<string | number>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const f of collectFields(selections, obj.__typename, doc)) {
      const key = f.alias ?? f.name;
      if (f.name === '__typename') {
        out[key] = obj.__typename;
        continue;
      }
      if (!(f.name in obj)) {
        throw new ValidationFailure({
          message: `Field '${f.name}' doesn't exist on type '${obj.__typename}'`,
          locations: [{ line: f.line, column: f.column }],
          path: [...path, key],
          extensions: { code: 'undefinedField', typeName: obj.__typename, fieldName: f.name },
        });
      }
      const args: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(f.args)) args[k] = valueOf(v, vars);
      let value: unknown;
      try {
        const raw = obj[f.name];
        value = typeof raw === 'function' ? (raw as Resolver)(args) : raw;
      } catch (e) {
        if (e instanceof FieldError) {
          errors.push({ message: e.message, locations: [{ line: f.line, column: f.column }], path: [...path, key], extensions: e.extensions });
          out[key] = null;
          continue;
        }
        throw e;
      }
      out[key] = complete(value, f, [...path, key]);
    }
    return out;
  };

  const complete = (value: unknown, f: FieldNode, path: Array<string | number>): unknown => {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) return value.map((v, i) => complete(v, f, [...path, i]));
    if (f.selections) {
      if (typeof value !== 'object' || typeof (value as GqlObject).__typename !== 'string') {
        throw new ValidationFailure({ message: `Selections can't be made on scalars (field '${f.name}')`, path, extensions: { code: 'selectionMismatch' } });
      }
      return resolveObject(value as GqlObject, f.selections, path);
    }
    if (typeof value === 'object' && typeof (value as GqlObject).__typename === 'string') {
      throw new ValidationFailure({ message: `Field must have selections (field '${f.name}' returns ${(value as GqlObject).__typename} but has no selections.)`, path, extensions: { code: 'selectionMismatch' } });
    }
    return value;
  };

  try {
    const data = resolveObject(op.operation === 'mutation' ? root.mutation : root.query, op.selections, []);
    return { result: errors.length ? { data, errors } : { data }, operation: op };
  } catch (e) {
    if (e instanceof ValidationFailure) return { result: { errors: [e.error] }, operation: op };
    throw e;
  }
}

/**
 * Shopify-style static cost: scalars 0, objects 1, connections 2 + first × (cost of one node),
 * mutations 10 on top of their payload. `countOf` supplies the number of nodes actually returned
 * for the "actual" cost; without it the requested page size is used.
 */
export function queryCost(
  doc: DocumentNode,
  op: OperationNode,
  variables: Record<string, unknown>,
  data?: Record<string, unknown> | null,
): number {
  const costOf = (selections: SelectionNode[], result: unknown): number => {
    let total = 0;
    for (const f of flatten(selections)) {
      if (!f.selections || f.name === 'pageInfo') continue;
      const key = f.alias ?? f.name;
      const sub = result && typeof result === 'object' ? (result as Record<string, unknown>)[key] : undefined;
      const firstNode = f.args['first'] ?? f.args['last'];
      if (firstNode) {
        const first = Number(valueOf(firstNode, variables)) || 0;
        let count = first;
        if (data !== undefined) {
          const conn = sub as { edges?: unknown[]; nodes?: unknown[] } | null | undefined;
          count = conn ? (conn.edges?.length ?? conn.nodes?.length ?? 0) : 0;
        }
        const node = nodeSelections(f.selections);
        const sample = data !== undefined ? firstNodeOf(sub) : undefined;
        total += 2 + count * (1 + costOf(node, sample));
      } else if (Array.isArray(sub)) {
        total += sub.reduce<number>((n, item) => n + 1 + costOf(f.selections as SelectionNode[], item), 0);
      } else {
        total += 1 + costOf(f.selections, sub);
      }
    }
    return total;
  };
  const flatten = (selections: SelectionNode[]): FieldNode[] => {
    const out: FieldNode[] = [];
    for (const s of selections) {
      if (s.kind === 'field') out.push(s);
      else if (s.kind === 'inline') out.push(...flatten(s.selections));
      else {
        const frag = doc.fragments.get(s.name);
        if (frag) out.push(...flatten(frag.selections));
      }
    }
    return out;
  };
  const nodeSelections = (selections: SelectionNode[]): SelectionNode[] => {
    const out: SelectionNode[] = [];
    for (const f of flatten(selections)) {
      if (f.name === 'nodes' && f.selections) out.push(...f.selections);
      if (f.name === 'edges' && f.selections) {
        for (const e of flatten(f.selections)) if (e.name === 'node' && e.selections) out.push(...e.selections);
      }
    }
    return out;
  };
  const firstNodeOf = (conn: unknown): unknown => {
    const c = conn as { edges?: Array<{ node?: unknown }>; nodes?: unknown[] } | null | undefined;
    return c?.edges?.[0]?.node ?? c?.nodes?.[0];
  };
  const base = op.operation === 'mutation' ? 10 : 0;
  return base + costOf(op.selections, data === undefined ? undefined : data);
}
