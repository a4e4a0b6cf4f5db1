// The code's own shape, read from src with the TypeScript parser: what the project promises of
// it (README, Develop; DESIGN.md) held by a test, so that a change that breaks it fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const SRC = join(ROOT, "src");

/** Every .ts file beneath `dir`, as a path. */
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".ts"))
    .map((path) => join(dir, path))
    .sort();

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (source === undefined) {
    source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    parsed.set(file, source);
  }
  return source;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

/** Every node of `source`, parents first. */
function nodesOf(source: ts.SourceFile): ts.Node[] {
  const nodes: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    nodes.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return nodes;
}

const where = (source: ts.SourceFile, node: ts.Node): string =>
  `${relative(ROOT, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

interface Exported {
  name: string;
  kind: "type" | "value";
  at: string;
}

function exportsOf(file: string): Exported[] {
  const source = parse(file);
  const found: Exported[] = [];
  for (const statement of source.statements) {
    if (!ts.canHaveModifiers(statement) || !ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const kind = ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) ? "type" : "value";
    const names = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((declaration) => declaration.name.getText(source))
      : "name" in statement && statement.name !== undefined && ts.isIdentifier(statement.name as ts.Node)
        ? [(statement.name as ts.Identifier).text]
        : [];
    for (const name of names) found.push({ name, kind, at: where(source, statement) });
  }
  return found;
}

describe("names", () => {
  const files = sourceFiles(SRC);

  it("one spelling of practice, noun and verb (American English), in code and words", () => {
    const spelled = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) => (/practis/i.test(line) ? [`${relative(ROOT, file)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(spelled).toEqual([]);
  });

  it("no two exported functions or values whose names differ only in letter case (splitLowerDir beside splitLowerdir)", () => {
    const values = files.flatMap(exportsOf).filter((item) => item.kind === "value");
    const clashes = groupBy(values, (item) => item.name.toLowerCase()).filter((group) => new Set(group.map((item) => item.name)).size > 1);
    expect(clashes).toEqual([]);
  });

  it("no type name exported by two modules (two LayerStacks, two Progresses)", () => {
    // Ctx: each lesson's own alias of its LessonContext, for its own files.
    const allowed = new Set(["Ctx"]);
    const types = files.flatMap(exportsOf).filter((item) => item.kind === "type" && !allowed.has(item.name));
    expect(groupBy(types, (item) => item.name).filter((group) => group.length > 1)).toEqual([]);
  });

  it("no type spelled out twice under two names (Signal beside TerminationSignal)", () => {
    const aliases = files.flatMap((file) => {
      const source = parse(file);
      return source.statements.filter(ts.isTypeAliasDeclaration).map((alias) => ({
        type: alias.type.getText(source).replace(/\s+/g, " "),
        at: `${where(source, alias)} ${alias.name.text}`,
      }));
    });
    // A union of a few names is a definition; `string` or `number` under another name is not one.
    const definitions = aliases.filter((alias) => /[|&{]/.test(alias.type));
    expect(groupBy(definitions, (alias) => alias.type).filter((group) => group.length > 1)).toEqual([]);
  });
});

describe("lessons ask the runner's context", () => {
  // DESIGN.md: lessons never import execa, chalk or fs, nor read mountinfo or xattrs themselves,
  // nor write to the terminal or ask who they run as: ctx.mountAt(), ctx.overlayXattrs(), the
  // setup's mode and print (prepare runs before the context exists).
  const FORBIDDEN_MODULES = /^(?:node:)?fs(?:\/promises)?$|^execa$|^chalk$|^ora$/;
  const FORBIDDEN_IMPORTS = new Set([
    "readMountInfo",
    "discoverOverlays",
    "readXattr",
    "readOverlayXattr",
    "readOverlayXattrs",
    "listXattrs",
  ]);
  const FORBIDDEN_PROCESS = new Set(["stdout", "stderr", "stdin", "getuid", "geteuid", "env", "exit"]);

  /** What `node` reaches past the context for, if anything: a module, a reader, a part of process. */
  function reachPast(node: ts.Node): string[] {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const module = node.moduleSpecifier.text;
      const named = node.importClause?.namedBindings;
      const names =
        named !== undefined && ts.isNamedImports(named) ? named.elements.map((item) => (item.propertyName ?? item.name).text) : [];
      return [...(FORBIDDEN_MODULES.test(module) ? [module] : []), ...names.filter((name) => FORBIDDEN_IMPORTS.has(name))];
    }
    const isProcess = ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "process";
    return isProcess && FORBIDDEN_PROCESS.has(node.name.text) ? [`process.${node.name.text}`] : [];
  }

  const reachesPast = (file: string): string[] => {
    const source = parse(file);
    return nodesOf(source).flatMap((node) => reachPast(node).map((what) => `${where(source, node)} ${what}`));
  };

  it("no lesson reads the kernel's tables, the terminal or its own identity past the context", () => {
    const lessons = sourceFiles(join(SRC, "lessons"));
    expect(lessons.length).toBeGreaterThan(40);
    expect(lessons.flatMap(reachesPast)).toEqual([]);
  });
});

describe("sizes a reader can hold (part 12's Done when)", () => {
  const files = sourceFiles(SRC);

  it("no function in src is longer than 100 lines", () => {
    const long = files.flatMap((file) => {
      const source = parse(file);
      return nodesOf(source).flatMap((node) => {
        if (!ts.isFunctionLike(node) || !("body" in node) || node.body === undefined) return [];
        const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - first + 1;
        return lines > 100 ? [`${where(source, node)}: ${lines} lines`] : [];
      });
    });
    expect(long).toEqual([]);
  });

  it("no file in src is longer than 350 lines", () => {
    const long = files.filter((file) => readFileSync(file, "utf8").trimEnd().split("\n").length > 350);
    expect(long.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it("no run of six or more identical lines stands twice in src", () => {
    // As duplicates(1) reads code: white space folded; blank lines, comments, imports and lone
    // punctuation passed over.
    const RUN = 6;
    const skipped = (line: string): boolean =>
      line === "" || /^(?:\/\/|\/\*|\*)/.test(line) || /^import /.test(line) || /^[\])}({[;,]+$/.test(line);
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, "utf8")
        .split("\n")
        .map((text, index) => ({ text: text.trim().replace(/\s+/g, " "), at: `${relative(ROOT, file)}:${index + 1}` }))
        .filter((line) => !skipped(line.text));
      for (let start = 0; start + RUN <= lines.length; start++) {
        const key = lines
          .slice(start, start + RUN)
          .map((line) => line.text)
          .join("\n");
        const first = seen.get(key);
        if (first === undefined) seen.set(key, lines[start]?.at ?? "");
        else twice.push(`${lines[start]?.at} ~ ${first}`);
      }
    }
    expect(twice).toEqual([]);
  });
});
