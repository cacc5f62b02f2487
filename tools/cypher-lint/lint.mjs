#!/usr/bin/env node
// Offline Cypher linter built on @neo4j-cypher/language-support@2.0.0-next.20 (the newest release
// whose engines field accepts Node 20; next.26+ need Node >= 22.15).
// Usage: node lint.mjs < input.json
//   input: {"schema": {...}, "queries": [{"name": "...", "text": "...", "parameters": [names]?}]}
//   schema keys (all optional):
//     labels: string[]              -> unknown label/reltype = Warning (only checked if BOTH labels and relationshipTypes given)
//     relationshipTypes: string[]
//     propertyKeys: string[]        -> unknown read property on a node/rel = Warning (written properties are never flagged);
//                                      next.20 has no such check, so this file does it on the parse tree (see below)
//     parameters: {name: value} | string[]   -> every $param not listed = Error (ALWAYS checked, even if omitted)
//     functions: {"CYPHER 5": {name: Neo4jFunction}, ...} -> used as-is; if omitted, built-in Neo4j functions
//                from the package's bundled catalogue (testData.mockSchema, isBuiltIn=true) are used
//     extraFunctions: string[]      -> names of user-defined functions to accept (stub signatures)
//     procedures: {"CYPHER 5": {...}} -> used as-is; if omitted, bundled db.* / dbms.* / tx.* / cdc.* procedures
//     includeApoc: bool             -> also accept the bundled APOC (+GDS procs) catalogue (default false)
//     defaultLanguage: "CYPHER 5" | "CYPHER 25" (default "CYPHER 5")
//     (graphSchema, next.38's pattern-direction Warnings, does not exist in next.20: rejected as bad input)
//   top-level "ignore": [substring] drops diagnostics whose message contains any substring
// Output: JSON on stdout. Exit 0 = clean, 1 = some Error/Warning, 2 = bad input.
// Needs no network at runtime (pure JS: ANTLR parser + Scala.js-compiled Neo4j semantic analysis).
import { createRequire } from 'node:module';
import { join } from 'node:path';

// next.20's ESM build has extensionless imports that Node cannot load, so load its CommonJS build:
// from this file's dir, else from $CYPHERLINT_DIR (a dir containing node_modules/@neo4j-cypher/...), else the cwd.
function loadLib() {
  const pkg = '@neo4j-cypher/language-support';
  try {
    return createRequire(import.meta.url)(pkg);
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    return createRequire(join(process.env.CYPHERLINT_DIR ?? process.cwd(), 'package.json'))(pkg);
  }
}
const lib = loadLib();
const { lintCypherQuery, parserWrapper, testData, _internalFeatureFlags } = lib;
// next.38 always resolves the query's Cypher version (prefix, else defaultLanguage); next.20 only with this
// flag on, else it checks functions/procedures against "CYPHER 5" whatever the version
_internalFeatureFlags.cypher25 = true;

const SEV = { 1: 'Error', 2: 'Warning', 3: 'Information', 4: 'Hint' };
const VERSIONS = ['CYPHER 5', 'CYPHER 25'];

function readStdin() {
  return new Promise((res, rej) => {
    let s = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => (s += c));
    process.stdin.on('end', () => res(s));
    process.stdin.on('error', rej);
  });
}

function stubFunction(name) {
  return {
    name, category: 'User', description: '', isBuiltIn: false,
    argumentDescription: [], returnDescription: 'ANY',
    signature: `${name}() :: ANY`, aggregating: false, isDeprecated: false,
  };
}

const PROPERTY_MISSING = " is not present in the database. Make sure you didn't misspell it or that it is available when you run this statement in your application";
const up = (ctx, cls) => { while (ctx && !(ctx instanceof cls)) ctx = ctx.parentCtx; return ctx; };

// Unknown-property Warnings, as next.38 gives them (next.20 has no such check). next.38 keeps only
// variables its semantic analysis types as Node/Relationship; next.20 exposes no symbol table, so here a
// variable counts as one when the statement binds it in a node/relationship pattern, aliases such a
// variable (`WITH c AS d`), or iterates nodes()/relationships() (`[n IN nodes(p) | ...]`, UNWIND). As in next.38:
// only reads in MATCH/WITH/RETURN of `v.key` or `(v {key: ...})`, and a key written anywhere in the
// statement (CREATE/MERGE/SET/REMOVE/INSERT) is never flagged.
function propertyWarnings(query, propertyKeys) {
  if (!propertyKeys) return [];
  const known = new Set(propertyKeys);
  const out = [];
  for (const st of parserWrapper.parse(query, false).statementsParsing) {
    if (st.command.type !== 'cypher' || st.syntaxErrors.length) continue;
    const entities = new Set();
    const keys = [];
    (function walk(ctx) {
      let bound;
      if (ctx instanceof lib.NodePatternContext || ctx instanceof lib.RelationshipPatternContext) bound = true;
      else if (ctx instanceof lib.ReturnItemContext) bound = entities.has(ctx.expression().getText());
      else if (ctx instanceof lib.ListComprehensionContext || ctx instanceof lib.UnwindClauseContext) {
        bound = /^(nodes|relationships)\(/i.test(ctx.expression(0)?.getText() ?? ''); // the IN / UNWIND list
      }
      if (bound && ctx.variable()) entities.add(ctx.variable().getText());
      if (ctx instanceof lib.PropertyKeyNameContext) keys.push(ctx);
      for (const c of ctx.children ?? []) walk(c);
    })(st.ctx);
    const read = [];
    const written = new Set();
    for (const k of keys) {
      const name = k.getText().replace(/^`|`$/g, '');
      const clause = up(k, lib.ClauseContext);
      if (!clause) continue;
      if (clause.mergeClause() || clause.createClause() || clause.insertClause() || clause.setClause() || clause.removeClause()) {
        written.add(name);
      } else if (clause.matchClause() || clause.withClause() || clause.returnClause()) {
        const pattern = up(k, lib.NodePatternContext) ?? up(k, lib.RelationshipPatternContext);
        const v = pattern ? pattern.variable() : up(k, lib.Expression2Context)?.expression1().variable();
        if (v && entities.has(v.getText())) read.push([name, k]);
      }
    }
    for (const [name, k] of read) {
      if (known.has(name) || written.has(name)) continue;
      out.push({
        severity: 2, message: name + PROPERTY_MISSING,
        range: { start: { line: k.start.line - 1, character: k.start.column } },
        offsets: { start: k.start.start, end: k.stop.stop + 1 },
      });
    }
  }
  return out;
}

function buildDbSchema(s = {}) {
  const bundled = testData.mockSchema;
  const isExt = (n) => n.startsWith('apoc.') || n.startsWith('gds.');
  const db = {};
  if (s.labels) db.labels = [...s.labels];
  if (s.relationshipTypes) db.relationshipTypes = [...s.relationshipTypes];
  // label check in the package only runs when BOTH arrays exist
  if (db.labels && !db.relationshipTypes) db.relationshipTypes = [];
  if (db.relationshipTypes && !db.labels) db.labels = [];
  if (s.propertyKeys) db.propertyKeys = [...s.propertyKeys];
  if (Array.isArray(s.parameters)) db.parameters = Object.fromEntries(s.parameters.map((p) => [p, null]));
  else db.parameters = { ...(s.parameters ?? {}) };
  db.defaultLanguage = s.defaultLanguage ?? 'CYPHER 5';

  if (s.functions) db.functions = s.functions;
  else {
    db.functions = {};
    for (const v of VERSIONS) {
      const src = bundled.functions[v] ?? {};
      db.functions[v] = Object.fromEntries(
        Object.entries(src).filter(([, f]) => f.isBuiltIn || (s.includeApoc && isExt(f.name))),
      );
    }
  }
  for (const name of s.extraFunctions ?? []) {
    for (const v of VERSIONS) (db.functions[v] ??= {})[name] ??= stubFunction(name);
  }
  if (s.procedures) db.procedures = s.procedures;
  else {
    db.procedures = {};
    for (const v of VERSIONS) {
      const src = bundled.procedures[v] ?? {};
      db.procedures[v] = Object.fromEntries(
        Object.entries(src).filter(([n]) => s.includeApoc || !isExt(n)),
      );
    }
  }
  return db;
}

async function main() {
  let input;
  try {
    input = JSON.parse(await readStdin());
    if (!Array.isArray(input.queries)) throw new Error('"queries" must be an array');
    if (input.schema?.graphSchema) throw new Error('"graphSchema" is not supported by language-support next.20');
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: `bad input: ${e.message}` }) + '\n');
    process.exit(2);
  }
  const dbSchema = buildDbSchema(input.schema);
  // optional top-level "ignore": [substring, ...] -> drop diagnostics whose message contains one of them
  // (e.g. "cartesian product", "CALL subquery without a variable scope clause is now deprecated")
  const ignore = input.ignore ?? [];
  let failing = 0;
  const results = input.queries.map((q, i) => {
    const name = q.name ?? `query_${i}`;
    const text = String(q.text ?? '');
    let diagnostics;
    try {
      // per-query "parameters": [names] narrows the schema's parameters to exactly those
      const schema = Array.isArray(q.parameters)
        ? { ...dbSchema, parameters: Object.fromEntries(q.parameters.map((p) => [p, null])) }
        : dbSchema;
      // next.20: lintCypherQuery(query, dbSchema, consoleCommandsEnabled) returns the diagnostics array itself
      const found = [...lintCypherQuery(text, schema, false), ...propertyWarnings(text, schema.propertyKeys)]
        .sort((a, b) => (a.offsets?.start ?? 0) - (b.offsets?.start ?? 0));
      diagnostics = found.map((d) => ({
        severity: SEV[d.severity] ?? String(d.severity),
        message: d.message,
        line: d.range.start.line + 1, // 1-based
        column: d.range.start.character + 1, // 1-based
        snippet: text.slice(d.offsets.start, d.offsets.end),
      })).filter((d) => !ignore.some((pat) => d.message.includes(pat)));
    } catch (e) {
      diagnostics = [{ severity: 'Error', message: `linter crashed: ${e.message}`, line: 1, column: 1, snippet: '' }];
    }
    const bad = diagnostics.some((d) => d.severity === 'Error' || d.severity === 'Warning');
    if (bad) failing++;
    return { name, ok: !bad, diagnostics };
  });
  process.stdout.write(JSON.stringify({ failing, total: results.length, results }, null, 2) + '\n');
  process.exitCode = failing ? 1 : 0; // not process.exit(): it can cut a piped stdout short
}

main();
