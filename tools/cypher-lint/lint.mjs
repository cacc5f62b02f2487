#!/usr/bin/env node
// Offline Cypher linter built on @neo4j-cypher/language-support@2.0.0-next.38.
// Usage: node lint.mjs < input.json
//   input: {"schema": {...}, "queries": [{"name": "...", "text": "..."}]}
//   schema keys (all optional):
//     labels: string[]              -> unknown label/reltype = Warning (only checked if BOTH labels and relationshipTypes given)
//     relationshipTypes: string[]
//     propertyKeys: string[]        -> unknown read property on a node/rel = Warning (written properties are never flagged)
//     parameters: {name: value} | string[]   -> every $param not listed = Error (ALWAYS checked, even if omitted)
//     functions: {"CYPHER 5": {name: Neo4jFunction}, ...} -> used as-is; if omitted, built-in Neo4j functions
//                from the package's bundled catalogue (testData.mockSchema, isBuiltIn=true) are used
//     extraFunctions: string[]      -> names of user-defined functions to accept (stub signatures)
//     procedures: {"CYPHER 5": {...}} -> used as-is; if omitted, bundled db.* / dbms.* / tx.* / cdc.* procedures
//     includeApoc: bool             -> also accept the bundled APOC (+GDS procs) catalogue (default false)
//     graphSchema: [{from, to, relType}] -> pattern-direction/endpoint Warnings (optional)
//     defaultLanguage: "CYPHER 5" | "CYPHER 25" (default "CYPHER 5")
//   top-level "ignore": [substring] drops diagnostics whose message contains any substring
// Output: JSON on stdout. Exit 0 = clean, 1 = some Error/Warning, 2 = bad input.
// Needs no network at runtime (pure JS: ANTLR parser + Scala.js-compiled Neo4j semantic analysis).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Resolve the package: normal resolution from this file's dir, else from $CYPHERLINT_DIR
// (a dir containing node_modules/@neo4j-cypher/language-support), else the cwd.
async function loadLib() {
  try {
    return await import('@neo4j-cypher/language-support');
  } catch (e) {
    if (e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    const base = process.env.CYPHERLINT_DIR ?? process.cwd();
    const p = createRequire(join(base, 'package.json')).resolve('@neo4j-cypher/language-support');
    const m = await import(pathToFileURL(p).href);
    return m.lintCypherQuery ? m : m.default;
  }
}
const { lintCypherQuery, testData } = await loadLib();

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
  if (s.graphSchema) db.graphSchema = s.graphSchema;
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
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: `bad input: ${e.message}` }) + '\n');
    process.exit(2);
  }
  const dbSchema = buildDbSchema(input.schema);
  // optional top-level "ignore": [substring, ...] -> drop diagnostics whose message contains one of them
  // (e.g. "cartesian product", "CALL subquery without a variable scope clause is deprecated")
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
      diagnostics = lintCypherQuery(text, schema, { consoleCommandsEnabled: false }).diagnostics.map((d) => ({
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
