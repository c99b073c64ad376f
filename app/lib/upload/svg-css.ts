// CSS inside uploaded SVGs (style attributes, presentation attributes and <style>): only presentation
// properties survive and url() may only point inside the document. CSS escapes are refused rather than
// decoded: a logo never needs them, and decoding escapes differently from the browser is how
// `u\72l(http://...)` gets past a sanitiser.
import { PRESENTATION } from "./svg-allowlist.ts";

export type CssResult = { css: string; removed: string[] };

const INTERNAL_REF = /^#[A-Za-z_][\w.:-]*$/;
// Functions that fetch or evaluate something even without url(): image-set("x.png" 1x), expression(...).
const ACTIVE_FUNCTION = /(?:^|[^\w-])((?:-webkit-|-moz-)?(?:image-set|image|cross-fade|element|expression|paint|src))\s*\(/i;

/** A user-supplied value quoted for a message: no control characters, at most 48 characters. */
export function quoteForMessage(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim();
  return clean.length > 48 ? `${clean.slice(0, 45)}...` : clean;
}

/** Says what a rejected link or url() points at: "javascript: link", "external reference (https://...)". */
export function describeReference(raw: string): string {
  // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"), so compare without them.
  const compact = raw.replace(/[\s\u0000-\u001f\u007f]/g, "").toLowerCase();
  const shown = quoteForMessage(raw);
  if (compact.startsWith("javascript:")) return "javascript: link";
  if (compact.startsWith("vbscript:")) return "vbscript: link";
  if (compact.startsWith("file:")) return `file: reference (${shown})`;
  if (compact.startsWith("data:")) return "data: URI that is not an embedded PNG, JPEG or WebP picture";
  if (compact.startsWith("//") || /^[a-z][a-z0-9+.-]*:/.test(compact)) return `external reference (${shown})`;
  if (compact.startsWith("#")) return `reference to a missing element (${shown})`;
  return `reference to another file (${shown})`;
}

/** Why a CSS value is unsafe, or null when it only uses plain values and `url(#id)`. */
export function cssValueProblem(value: string): string | null {
  if (value.includes("\\")) return "CSS escape";
  if (/[<>]/.test(value)) return "markup characters";
  const active = ACTIVE_FUNCTION.exec(value);
  if (active?.[1]) return `${active[1].toLowerCase()}() function`;
  if (/javascript\s*:/i.test(value.replace(/[\u0000-\u001f]/g, ""))) return "javascript: link";
  const urlPattern = /url\s*\(/gi;
  for (let m = urlPattern.exec(value); m; m = urlPattern.exec(value)) {
    const target = readUrlArgument(value, m.index + m[0].length);
    if (target === null) return "malformed url()";
    if (!INTERNAL_REF.test(target)) return describeReference(target);
  }
  return null;
}

function readUrlArgument(text: string, start: number): string | null {
  let i = start;
  while (/\s/.test(text[i] ?? "")) i++;
  const quote = text[i];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, i + 1);
    if (end === -1) return null;
    const after = text.slice(end + 1).trimStart();
    return after.startsWith(")") ? text.slice(i + 1, end) : null;
  }
  const end = text.indexOf(")", i);
  return end === -1 ? null : text.slice(i, end).trim();
}

/** Sanitises `prop: value; ...` (a style attribute or a rule body). `where` reads "style on <rect>". */
export function sanitizeDeclarations(text: string, where: string): CssResult {
  const kept: string[] = [];
  const removed: string[] = [];
  for (const declaration of splitTopLevel(text, ";")) {
    const trimmed = declaration.trim();
    if (!trimmed) continue;
    const colon = trimmed.indexOf(":");
    const prop = colon > 0 ? trimmed.slice(0, colon).trim().toLowerCase() : "";
    const value = trimmed.slice(colon + 1).trim();
    if (!/^-?[a-z][a-z0-9-]*$/.test(prop) || !value) {
      removed.push(`malformed CSS declaration in ${where}`);
      continue;
    }
    if (prop.startsWith("-inkscape-")) continue; // editor bookkeeping, not styling
    if (!PRESENTATION.has(prop)) {
      removed.push(`${quoteForMessage(prop)} property in ${where}`);
      continue;
    }
    const problem = cssValueProblem(value);
    if (problem) {
      removed.push(`${problem} in ${where}`);
      continue;
    }
    kept.push(`${prop}:${value}`);
  }
  return { css: kept.join(";"), removed };
}

/** Sanitises a `<style>` element's text: rules and @media survive, @import/@font-face and the rest go. */
export function sanitizeStylesheet(css: string): CssResult {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, " ");
  if (text.includes("/*")) return { css: "", removed: ["unterminated comment in <style> (stylesheet removed)"] };
  if (text.includes("\\")) return { css: "", removed: ["CSS escapes in <style> (stylesheet removed)"] };
  if (/[<&]/.test(text)) return { css: "", removed: ["markup characters in <style> (stylesheet removed)"] };
  return sanitizeRules(text, 0);
}

function sanitizeRules(text: string, depth: number): CssResult {
  const out: string[] = [];
  const removed: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (/\s/.test(text[i] ?? "")) i++;
    if (i >= text.length) break;
    const brace = findTopLevel(text, i, "{");
    const semicolon = findTopLevel(text, i, ";");
    if (text[i] === "@") {
      const name = (/^@([\w-]*)/.exec(text.slice(i))?.[1] ?? "").toLowerCase();
      if (semicolon !== -1 && (brace === -1 || semicolon < brace)) {
        if (name !== "charset") removed.push(`@${quoteForMessage(name)} in <style>`);
        i = semicolon + 1;
        continue;
      }
      const close = brace === -1 ? -1 : matchingBrace(text, brace);
      if (close === -1) {
        removed.push("malformed CSS in <style>");
        break;
      }
      if (name === "media" && depth === 0) {
        const prelude = text.slice(i + "@media".length, brace).trim();
        const inner = sanitizeRules(text.slice(brace + 1, close), depth + 1);
        removed.push(...inner.removed);
        if (cssValueProblem(prelude)) removed.push("unsafe @media condition in <style>");
        else if (inner.css) out.push(`@media ${prelude}{${inner.css}}`);
      } else {
        removed.push(`@${quoteForMessage(name)} rule in <style>`);
      }
      i = close + 1;
      continue;
    }
    const close = brace === -1 ? -1 : matchingBrace(text, brace);
    if (close === -1) {
      removed.push("malformed CSS in <style>");
      break;
    }
    const selector = text.slice(i, brace).trim();
    const body = sanitizeDeclarations(text.slice(brace + 1, close), "<style>");
    removed.push(...body.removed);
    if (selector && body.css) out.push(`${selector}{${body.css}}`);
    i = close + 1;
  }
  return { css: out.join("\n"), removed };
}

/** Index of `ch` at nesting depth 0 from `start`, skipping strings and parentheses; -1 when absent. */
function findTopLevel(text: string, start: number, ch: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === ch && depth === 0) return i;
    else if (c === "}" && depth === 0 && ch !== "}") return -1;
  }
  return -1;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      i = end === -1 ? text.length : end;
    } else if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
