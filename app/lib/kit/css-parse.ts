// A small CSS reader for custom properties: finds `--name: value;` declarations with their line, the
// block they sit in and a trailing comment, and resolves var() references. Syntax errors name the line.
import { TokenImportError } from "./token-roles.ts";

export type CssVariable = {
  name: string;
  /** Value with var() references substituted (when they resolve). */
  value: string;
  line: number;
  /** The selector or at-rule of the enclosing block: ":root", "@theme", "@theme inline". */
  block: string;
  /** A comment on the same line after the declaration. */
  comment?: string;
  /** Why the value could not be resolved (undefined var(), cycle). */
  problem?: string;
};

type Raw = Omit<CssVariable, "value" | "problem"> & { raw: string; endLine: number };

/** Reads every custom property in the text; the first declaration of a name wins (light/default theme). */
export function readCssVariables(text: string): CssVariable[] {
  const raws = scan(text);
  const first = new Map<string, Raw>();
  for (const r of raws) if (!first.has(r.name)) first.set(r.name, r);
  return [...first.values()].map((r) => {
    try {
      return { name: r.name, value: substitute(r.raw, first, [r.name]), line: r.line, block: r.block, ...(r.comment ? { comment: r.comment } : {}) };
    } catch (problem) {
      return { name: r.name, value: r.raw, line: r.line, block: r.block, problem: String(problem), ...(r.comment ? { comment: r.comment } : {}) };
    }
  });
}

function substitute(value: string, vars: Map<string, Raw>, stack: string[]): string {
  let out = "";
  let i = 0;
  for (;;) {
    const at = value.indexOf("var(", i);
    if (at < 0) return out + value.slice(i);
    out += value.slice(i, at);
    const end = closingParen(value, at + 3);
    if (end < 0) throw `unclosed var( in "${value.slice(0, 60)}"`;
    const inner = value.slice(at + 4, end);
    const comma = inner.indexOf(",");
    const ref = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? undefined : inner.slice(comma + 1).trim();
    const target = vars.get(ref);
    if (stack.includes(ref)) throw `var() cycle ${[...stack, ref].join(" -> ")}`;
    if (target) out += substitute(target.raw, vars, [...stack, ref]);
    else if (fallback !== undefined) out += substitute(fallback, vars, stack);
    else throw `var(${ref}) is not defined in this file`;
    i = end + 1;
  }
}

function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Tokenises just enough CSS to find declarations: comments, strings, blocks and statements. */
function scan(text: string): Raw[] {
  const out: Raw[] = [];
  const blocks: { prelude: string; line: number }[] = [];
  let statement = "";
  let statementLine = 1;
  let line = 1;
  let parens = 0;
  let lastDecl: Raw | undefined;
  const fail = (at: number, message: string): never => {
    throw new TokenImportError([{ path: `line ${at}`, message }]);
  };
  const finish = () => {
    const s = statement.trim();
    statement = "";
    if (!s.startsWith("--")) return;
    const colon = s.indexOf(":");
    if (colon < 0) fail(statementLine, `${s.split(/\s/)[0]} has no ":"`);
    const name = s.slice(0, colon).trim();
    if (!/^--[A-Za-z0-9_-]+$/.test(name)) fail(statementLine, `"${name.slice(0, 40)}" is not a custom property name`);
    lastDecl = { name, raw: s.slice(colon + 1).trim().replace(/\s*!important$/i, ""), line: statementLine, endLine: line, block: blocks.at(-1)?.prelude ?? "" };
    out.push(lastDecl);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) fail(line, "comment is never closed");
      const body = text.slice(i + 2, end);
      // A comment right after a declaration, on its line, names it: `--color-primary: #1f3a5f; /* harbour navy */`.
      if (lastDecl && lastDecl.endLine === line && !statement.trim()) lastDecl.comment = body.trim();
      line += body.split("\n").length - 1;
      i = end + 1;
      continue;
    }
    if (c === "\n") line++;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === "\n") fail(line, "string is never closed");
        j += text[j] === "\\" ? 2 : 1;
      }
      if (j >= text.length) fail(line, "string is never closed");
      if (!statement.trim()) statementLine = line;
      statement += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === "(") parens++;
    if (c === ")") parens = Math.max(0, parens - 1);
    if (c === "{" && parens === 0) {
      blocks.push({ prelude: statement.trim().replace(/\s+/g, " "), line: statementLine });
      statement = "";
      continue;
    }
    if (c === "}" && parens === 0) {
      finish();
      if (!blocks.pop()) fail(line, 'unexpected "}"');
      continue;
    }
    if (c === ";" && parens === 0) {
      finish();
      continue;
    }
    if (!statement.trim() && !/\s/.test(c)) statementLine = line;
    statement += c;
  }
  if (statement.trim().startsWith("--")) finish();
  const open = blocks.pop();
  if (open) fail(open.line, `"${open.prelude.slice(0, 40)} {" is never closed`);
  return out;
}

/** A CSS string literal. */
export function cssString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\a ")}"`;
}

/** The text of a CSS string literal, or the value itself when it is not quoted. */
export function unquote(value: string): string {
  const v = value.trim();
  const m = /^(["'])([\s\S]*)\1$/.exec(v);
  if (!m) return v;
  return m[2]!.replace(/\\a ?/g, "\n").replace(/\\(.)/g, "$1");
}
