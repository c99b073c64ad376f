// Reading a DTCG 2025.10 tokens tree: groups and tokens, `$type` inherited from groups, group
// `$extends`, and references (`{group.token}` and `$ref` JSON Pointers) resolved with cycles detected.
export type Issue = { path: string; message: string };
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type DtcgToken = {
  id: string;
  path: string[];
  node: Record<string, unknown>;
  /** Own `$type`, else the nearest group's, else (after resolving) the referenced token's. */
  type?: string;
  value?: unknown;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const ALIAS = /^\{([^{}]+)\}$/;

/** JSON.parse whose error names the line and column (V8 leaves the position out of some messages). */
export function parseJsonLocated(text: string): { value: unknown } | { issue: Issue } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/ in JSON at position \d+.*$|, ".*" is not valid JSON$/s, "");
    const pos = Number(/position (\d+)/.exec(String(error))?.[1] ?? firstJsonError(text));
    const before = text.slice(0, pos);
    const line = before.split("\n").length;
    const column = pos - before.lastIndexOf("\n");
    return { issue: { path: `line ${line}, column ${column}`, message: `malformed JSON: ${message}` } };
  }
}

/** Offset of the first syntax error: a small recursive-descent scan, used only after JSON.parse failed. */
function firstJsonError(s: string): number {
  let i = 0;
  const ws = () => {
    while (i < s.length && " \t\n\r".includes(s[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (s[i] === close) return void i++;
      for (;;) {
        if (c === "{") {
          ws();
          if (s[i] !== '"') fail();
          string();
          ws();
          if (s[i] !== ":") fail();
          i++;
        }
        value();
        ws();
        if (s[i] === ",") i++;
        else if (s[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const string = () => {
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s.charCodeAt(i) < 0x20) fail();
      i += s[i] === "\\" ? 2 : 1;
    }
    if (i >= s.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return typeof at === "number" ? at : 0;
  }
}

/** Walks the tree into tokens keyed by dotted path. Structural problems become issues. */
export function collectTokens(root: unknown, issues: Issue[]): Map<string, DtcgToken> {
  const tokens = new Map<string, DtcgToken>();
  if (!isRecord(root)) {
    issues.push({ path: "(file)", message: "a tokens file is a JSON object of groups and tokens" });
    return tokens;
  }
  const walk = (group: Record<string, unknown>, path: string[], inherited: string | undefined, extending: string[]) => {
    const type = typeof group.$type === "string" ? group.$type : inherited;
    const merged = expandExtends(root, group, path, extending, issues);
    for (const [key, child] of Object.entries(merged)) {
      if (key.startsWith("$") && key !== "$root") continue;
      const childPath = [...path, key];
      const id = childPath.join(".");
      if (key.includes(".") || key.includes("{") || key.includes("}")) {
        issues.push({ path: id, message: `name "${key}" may not contain ".", "{" or "}"` });
        continue;
      }
      if (!isRecord(child)) {
        issues.push({ path: id, message: "is neither a token (an object with $value) nor a group" });
        continue;
      }
      if ("$value" in child) {
        tokens.set(id, { id, path: childPath, node: child, type: typeof child.$type === "string" ? child.$type : type });
      } else walk(child, childPath, type, extending);
    }
  };
  walk(root, [], undefined, []);
  return tokens;
}

/** A group's members with those of the group it `$extends` underneath (own members win, groups merge). */
function expandExtends(root: Record<string, unknown>, group: Record<string, unknown>, path: string[], stack: string[], issues: Issue[]): Record<string, unknown> {
  const ref = group.$extends;
  if (ref === undefined) return group;
  const id = path.join(".") || "(root)";
  const target = typeof ref === "string" ? ALIAS.exec(ref)?.[1] : undefined;
  if (!target) {
    issues.push({ path: id, message: `$extends must be a reference like "{group.name}"` });
    return group;
  }
  if (stack.includes(target) || target === path.join(".")) {
    issues.push({ path: id, message: `$extends cycle ${[...stack, path.join("."), target].join(" -> ")}` });
    return group;
  }
  const base = target.split(".").reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), root);
  if (!isRecord(base) || "$value" in base) {
    issues.push({ path: id, message: `$extends {${target}} is not a group` });
    return group;
  }
  const expandedBase = expandExtends(root, base, target.split("."), [...stack, path.join(".")], issues);
  const out: Record<string, unknown> = { ...expandedBase };
  for (const [key, child] of Object.entries(group)) {
    const under = out[key];
    out[key] = isRecord(under) && isRecord(child) && !("$value" in child) && !("$value" in under) ? { ...under, ...child } : child;
  }
  return out;
}

/**
 * Resolves every token's `$value`: whole-value and nested `{a.b}` references and `$ref` pointers.
 * Missing targets and cycles become issues on the token that holds the reference.
 */
export function resolveTokens(root: unknown, tokens: Map<string, DtcgToken>, issues: Issue[]) {
  const done = new Set<string>();
  const reported = new Set<string>();
  const report = (issue: Issue) => {
    const key = `${issue.path}: ${issue.message}`;
    if (!reported.has(key)) issues.push(issue), reported.add(key);
  };

  const resolveToken = (token: DtcgToken, stack: string[]): unknown => {
    if (done.has(token.id)) return token.value;
    const at = stack.indexOf(token.id);
    if (at >= 0) {
      const cycle = [...stack.slice(at), token.id];
      throw { cycle };
    }
    let value: unknown;
    try {
      value = resolveValue(token.node.$value, token, [...stack, token.id]);
    } catch (thrown) {
      // A broken reference is reported on the token that holds it, not on tokens that lead to it.
      if (isRecord(thrown) && typeof thrown.missing === "string" && thrown.at === undefined) thrown.at = token.id;
      throw thrown;
    }
    token.value = value;
    done.add(token.id);
    return value;
  };

  const follow = (target: DtcgToken, from: DtcgToken, stack: string[]) => {
    const value = resolveToken(target, stack);
    if (!from.type && target.type) from.type = target.type;
    return value;
  };

  const resolveValue = (value: unknown, token: DtcgToken, stack: string[]): unknown => {
    if (typeof value === "string") {
      const ref = ALIAS.exec(value)?.[1];
      if (!ref) return value;
      const target = tokens.get(ref);
      if (!target) throw { missing: `alias {${ref}} ${groupAt(root, ref) ? "is a group, not a token" : "points nowhere"}` };
      return follow(target, token, stack);
    }
    if (Array.isArray(value)) return value.map((v) => resolveValue(v, token, stack));
    if (!isRecord(value)) return value;
    if (typeof value.$ref === "string" && Object.keys(value).length === 1) return resolvePointer(value.$ref, token, stack);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, token, stack)]));
  };

  const resolvePointer = (pointer: string, token: DtcgToken, stack: string[]): unknown => {
    if (!pointer.startsWith("#/")) throw { missing: `$ref "${pointer.slice(0, 80)}" must be a JSON Pointer starting with #/` };
    const keys = pointer.slice(2).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    for (let n = keys.length; n > 0; n--) {
      const target = tokens.get(keys.slice(0, n).join("."));
      if (!target) continue;
      if (n === keys.length) return follow(target, token, stack);
      if (keys[n] !== "$value") break;
      let inner: unknown = follow(target, token, stack);
      for (const k of keys.slice(n + 1)) inner = isRecord(inner) || Array.isArray(inner) ? (inner as Record<string, unknown>)[k] : undefined;
      if (inner === undefined) break;
      return inner;
    }
    throw { missing: `$ref ${pointer.slice(0, 80)} points nowhere` };
  };

  for (const token of tokens.values()) {
    try {
      resolveToken(token, []);
    } catch (thrown) {
      if (isRecord(thrown) && Array.isArray(thrown.cycle)) {
        const cycle = thrown.cycle as string[];
        report({ path: cycle[0]!, message: `alias cycle ${cycle.join(" -> ")}` });
      } else if (isRecord(thrown) && typeof thrown.missing === "string") {
        report({ path: typeof thrown.at === "string" ? thrown.at : token.id, message: thrown.missing });
      } else throw thrown;
      done.add(token.id);
    }
  }
}

function groupAt(root: unknown, dotted: string): boolean {
  const node = dotted.split(".").reduce<unknown>((n, k) => (isRecord(n) ? n[k] : undefined), root);
  return isRecord(node) && !("$value" in node);
}
