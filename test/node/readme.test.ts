/** The README quotes real things: the stub snippet a shop owner copies is the one the SDK ships. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { stubSnippet } from '../../src/shop/stubSnippet';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README snippet is stubSnippet() for its endpoint, byte for byte', () => {
  expect(readme).toContain(`<script>${stubSnippet('https://collect.example.com')}</script>`);
});

test('the README first screen has exactly the two set-up commands', () => {
  const first = readme.slice(0, readme.indexOf('\n---'));
  const commands = first.split('\n').filter((l) => /^npm /.test(l));
  expect(commands.map((l) => l.split('#')[0]!.trim())).toEqual(['npm install && npm start', 'npm install && npm test']);
});
