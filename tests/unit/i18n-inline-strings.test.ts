import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * No user-facing text written inline in app/ or components/: it belongs in messages/*.json. Text
 * between JSX tags with a letter in it, and string literals that read like words for people
 * (a capitalised word, or lowercase words without the - : / of class names and paths), fail.
 */

// Not words to translate: Keystone's default domain is named "Default" in every language; SHA1 is an algorithm.
const ALLOWED = new Set(["Default", "SHA1"]);
// Rendered when the root layout (and with it the request's language) failed: it cannot reach a catalog.
const ALLOWED_FILES = new Set(["app/global-error.tsx"]);
// Calls whose string arguments are catalog keys or namespaces, not text.
const KEY_CALLS = new Set(["t", "rich", "raw", "has", "getTranslations", "useTranslations", "message", "formMessage"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const readsLikeWords = (text: string) =>
  /\b\p{Lu}\p{Ll}+/u.test(text) || (/\p{Ll}{2,}\s+\p{Ll}{2,}/u.test(text) && !/[-:/[\]=_]/.test(text));

function calledName(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Where a literal sits that is not text for people: imports, directives, object keys, keys of t(). */
function isExempt(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isExpressionStatement(parent)) return true; // "use client", "use server"
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node) return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if (ts.isElementAccessExpression(parent)) return true;
  const call = ts.isCallExpression(parent) ? parent : undefined;
  if (call && KEY_CALLS.has(calledName(call) ?? "")) return true;
  return false;
}

/** Inline text in one source file, as "file:line: text". */
export function inlineText(file: string, source = readFileSync(file, "utf8")): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, " ").trim();
    if (ALLOWED.has(trimmed)) return;
    found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${trimmed}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) report(node, node.text);
    else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && readsLikeWords(node.text) && !isExempt(node)) report(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
      if (readsLikeWords(parts) && !isExempt(node)) report(node, parts);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("inline text in app/ and components/", () => {
  it("finds none: every word a user reads comes from the catalogs", () => {
    const files = [...sources("app"), ...sources("components")].filter((f) => !ALLOWED_FILES.has(f));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => inlineText(f))).toEqual([]);
  });

  it("would fail on a new inline sentence, label or attribute", () => {
    const page = `export function P() { const x = "Sign in"; return <div title="Pick one"><p>Hello there</p><Field label="Passcode" /></div>; }`;
    expect(inlineText("new.tsx", page)).toHaveLength(4);
  });

  it("lets class names, keys, paths and imports through", () => {
    const page = `"use client";\nimport { Alert } from "@/components/ui/alert";\nexport function P({ t }) { return <a href="/settings/security" className="text-sm font-medium">{t("security.title")}</a>; }`;
    expect(inlineText("ok.tsx", page)).toEqual([]);
  });
});
