/**
 * The event catalogue (src/schema/catalogue.ts) is the one definition emitters and the report
 * share. These tests read the code itself (TypeScript's parser over src/, the seed and the demo
 * pages): an emitter that sends an event or a literal property the catalogue does not know fails,
 * and so does report code that reads an event or a property no emitter sends. What the SDK sends
 * at run time is checked against the same catalogue by every Chromium test in test/browser/e2e-*.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { EVENTS, eventSpec, PAGE_PROPERTIES, PRODUCT_PROPERTIES, unknownProperties, type EventSpec } from '../../src/schema/catalogue';
import { CommerceEventSchemas, FEEDBACK_EVENTS, VITAL_METRICS } from '../../src/schema';
import { vitalProperties } from '../../src/vitals/vitalProperties';
import { GA4_EVENTS, mapGa4Event } from '../../src/platforms/mapGa4Event';

const ROOT = new URL('../../', import.meta.url).pathname;
const files = (dir: string, ext: RegExp): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
const parse = (file: string) => ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.mjs') || file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
const walk = (node: ts.Node, visit: (n: ts.Node) => void) => {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
};
const known = (spec: EventSpec | undefined, key: string) => !!spec && Object.prototype.hasOwnProperty.call(spec.properties, key);

/** One event an emitter sends: its name (or a template), where, and its literal property keys. */
interface Emission {
  where: string;
  name: string;
  dynamic: boolean;
  keys: string[];
}

/** The object literal a `const` of this name is bound to in the scopes around `from`. */
const constObject = (name: string, from: ts.Node): ts.Expression | undefined => {
  for (let scope: ts.Node | undefined = from.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const st of scope.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && ts.isObjectLiteralExpression(d.initializer)) return d.initializer;
    }
  }
  return undefined;
};

/** Keys of an object literal, following spreads of `const x = { … }` objects in scope. */
const literalKeys = (node: ts.Expression | undefined, depth = 0): string[] => {
  if (!node || depth > 4) return [];
  if (ts.isIdentifier(node)) return literalKeys(constObject(node.text, node), depth + 1);
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literalKeys(node.expression, depth);
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((p) => {
    if (ts.isSpreadAssignment(p)) return literalKeys(p.expression, depth + 1);
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    return name ? [name] : [];
  });
};

/** Calls `track(name, props)` / `send(name, props)` (any receiver) in the emitters' code. */
const emissions = (file: string): Emission[] => {
  const sf = parse(file);
  const out: Emission[] = [];
  walk(sf, (n) => {
    if (!ts.isCallExpression(n)) return;
    const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : ts.isIdentifier(n.expression) ? n.expression.text : '';
    if (callee !== 'track' && callee !== 'send') return;
    const [first, second] = n.arguments;
    if (!first) return;
    const where = `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) out.push({ where, name: first.text, dynamic: false, keys: literalKeys(second) });
    else if (ts.isTemplateExpression(first)) out.push({ where, name: first.getText(sf), dynamic: true, keys: literalKeys(second) });
  });
  return out;
};

const EMITTER_FILES = [...files('src', /\.ts$/).filter((f) => !/^src\/(collector|schema)\//.test(f) && !f.endsWith('.d.ts')), 'scripts/seed.mjs', ...files('demo', /\.(m?js)$/)];
const ALL = EMITTER_FILES.flatMap(emissions);
/**
 * Event names built at run time, with every value they take. `send(…)`/`track(…)` with a
 * template name must be listed here, so a new one cannot slip past the catalogue.
 */
const DYNAMIC: Record<string, string[]> = {
  '`${s} Abandoned`': ['Cart Abandoned', 'Checkout Abandoned'],
  '`${what} Abandoned`': ['Cart Abandoned', 'Checkout Abandoned'],
};

describe('emitters send only what the catalogue knows', () => {
  test('the scan finds the emitters (a broken scan must not pass silently)', () => {
    const names = new Set(ALL.map((e) => e.name));
    for (const n of ['Web Vital Measured', 'Feedback Submitted', 'Feedback Shown', 'Kiosk Heartbeat', 'Product Reviewed']) expect(names).toContain(n);
  });

  test('every event name sent by src/, the seed and the demo scripts is in the catalogue', () => {
    const unknown = ALL.filter((e) => (e.dynamic ? !DYNAMIC[e.name]?.every((n) => eventSpec(n)) : !eventSpec(e.name)));
    expect(unknown.map((e) => `${e.where} ${e.name}`)).toEqual([]);
  });

  test('every literal property key they send is a property of that event', () => {
    const bad = ALL.flatMap((e) =>
      (e.dynamic ? DYNAMIC[e.name] ?? [] : [e.name]).flatMap((name) => e.keys.filter((k) => !known(eventSpec(name), k)).map((k) => `${e.where} ${name}.${k}`)),
    );
    expect(bad).toEqual([]);
  });

  test('the vitals chunk’s properties (trackVitals and the seed build them with vitalProperties) are the catalogue’s', () => {
    const spec = eventSpec('Web Vital Measured')!;
    const required = Object.entries(spec.properties).filter(([, p]) => p.required).map(([k]) => k);
    for (const name of VITAL_METRICS) {
      const p = vitalProperties({ name, value: 1234.56789, delta: 10.123456, rating: 'good', id: 'v5-1', navigationType: 'navigate' });
      expect(Object.keys(p).filter((k) => !known(spec, k))).toEqual([]);
      expect(required.filter((k) => p[k as keyof typeof p] === undefined)).toEqual([]);
      expect(p.value).toBe(name === 'CLS' ? 1234.5679 : 1235);
    }
  });

  test('the GA4 data-layer mapping (platforms) emits catalogued events and properties, products included', () => {
    const item = { item_id: 'sku-1', item_name: 'Tea', item_brand: 'B', item_category: 'C', item_variant: 'V', price: 10, quantity: 2, coupon: 'X', discount: 1, index: 0, item_list_id: 'l', affiliation: 'A', currency: 'VND' };
    const params = { items: [item], value: 20, currency: 'VND', coupon: 'X', transaction_id: 'o-1', affiliation: 'A', tax: 1, shipping: 2, shipping_tier: 'fast', payment_type: 'cod', item_list_id: 'l', item_list_name: 'L' };
    const bad = GA4_EVENTS.flatMap((ga4) =>
      mapGa4Event(ga4, params).flatMap(([name, p]) => [
        ...(eventSpec(name) ? [] : [`${ga4} → ${name}: not catalogued`]),
        ...unknownProperties(name, p, true).map((k) => `${ga4} → ${name}.${k}`),
        ...((p.products as Record<string, unknown>[] | undefined) ?? []).flatMap((x) => Object.keys(x).filter((k) => !(k in PRODUCT_PROPERTIES)).map((k) => `${ga4} → ${name}.products[].${k}`)),
      ]),
    );
    expect(bad).toEqual([]);
  });

  test('the demo pages tag only catalogued events (data-tp-event / data-tp-view)', () => {
    const html = readFileSync(join(ROOT, 'demo/shop/render.mjs'), 'utf8') + files('demo', /\.html$/).map((f) => readFileSync(join(ROOT, f), 'utf8')).join('');
    const tagged = [...html.matchAll(/data-tp-(?:event|view)="([^"$]+)"/g)].map((m) => m[1]!);
    expect(tagged.length).toBeGreaterThan(3);
    expect(tagged.filter((n) => !eventSpec(n))).toEqual([]);
  });

  test('the zod schemas and the catalogue name the same feedback and commerce events and fields', () => {
    for (const name of [...Object.keys(FEEDBACK_EVENTS), ...Object.keys(CommerceEventSchemas)]) expect(eventSpec(name), name).toBeDefined();
    for (const [name, schema] of Object.entries(FEEDBACK_EVENTS)) {
      const shape = (schema as unknown as { def: { shape?: Record<string, unknown> } }).def.shape ?? {};
      expect(Object.keys(shape).filter((k) => !known(eventSpec(name), k)), name).toEqual([]);
    }
  });

  test('every catalogued property has a type and a doc; required ones are marked on fixed-shape events only', () => {
    for (const [name, spec] of Object.entries(EVENTS) as [string, EventSpec][]) {
      expect(spec.emitters.length, name).toBeGreaterThan(0);
      for (const [key, p] of Object.entries(spec.properties)) expect([name, key, typeof p.doc, !!p.type]).toEqual([name, key, 'string', true]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The report side: names and properties it reads must be ones an emitter sends.

const REPORT_FILES = files('src/collector', /\.ts$/).filter((f) => !f.endsWith('.d.ts'));
/** "Object Action" names: Title Case words ending in a past participle, or `Heartbeat`/`Vital`. */
const EVENT_NAME = /^[A-Z][a-z]+( [A-Z][a-z]+)+$/;
const looksLikeEvent = (s: string) => EVENT_NAME.test(s) && /(ed|Heartbeat|Vitals?)$/.test(s);
const ALL_PROPERTIES = new Set([...Object.values(EVENTS as Record<string, EventSpec>).flatMap((e) => Object.keys(e.properties)), ...Object.keys(PAGE_PROPERTIES)]);

/**
 * An expression that holds an event's properties: `x.props`, `x.properties`, or a variable named
 * `props`/`properties`, or `p` typed as a property record (`p: Record<string, unknown>`, the
 * report columns' convention).
 */
const isProperties = (e: ts.Expression): boolean => {
  if (ts.isPropertyAccessExpression(e)) return ['props', 'properties'].includes(e.name.text);
  if (!ts.isIdentifier(e)) return false;
  if (e.text === 'props' || e.text === 'properties') return true;
  return e.text === 'p' && /\bp: Record<string, unknown>/.test(e.getSourceFile().text);
};

/** Event names and `properties.*` keys the collector's code reads (string literals, SQL JSON paths, `props.x`). */
const reads = (file: string) => {
  const sf = parse(file);
  const names: string[] = [];
  const props: string[] = [];
  walk(sf, (n) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      if (looksLikeEvent(n.text)) names.push(n.text);
      for (const m of n.text.matchAll(/'([A-Z][a-z]+(?: [A-Z][a-z]+)+)'/g)) if (looksLikeEvent(m[1]!)) names.push(m[1]!);
      for (const m of n.text.matchAll(/\$\.properties\.([A-Za-z_][\w]*)/g)) props.push(m[1]!);
    }
    if (ts.isPropertyAccessExpression(n) && isProperties(n.expression)) props.push(n.name.text);
    if (ts.isElementAccessExpression(n) && isProperties(n.expression) && ts.isStringLiteral(n.argumentExpression)) props.push(n.argumentExpression.text);
  });
  return { names, props };
};

describe('the report reads only what emitters send (waits for branch report: vitals per contract 1)', () => {
  const found = REPORT_FILES.map((f) => ({ file: f, ...reads(f) }));

  test('the scan finds the report’s reads', () => {
    const names = new Set(found.flatMap((f) => f.names));
    expect(names).toContain('Order Completed');
    expect(names).toContain('Feedback Submitted');
    expect(found.flatMap((f) => f.props)).toContain('order_id');
  });

  test('every event name the collector reads is in the catalogue', () => {
    expect(found.flatMap((f) => f.names.filter((n) => !eventSpec(n)).map((n) => `${f.file}: ${n}`))).toEqual([]);
  });

  test('every property the collector reads is a property some event has', () => {
    expect(found.flatMap((f) => f.props.filter((p) => !ALL_PROPERTIES.has(p)).map((p) => `${f.file}: properties.${p}`))).toEqual([]);
  });
});
