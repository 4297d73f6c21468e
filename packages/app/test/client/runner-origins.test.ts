/**
 * Which origin the cell runner frame is served from, and which pages the runner answers.
 */
import { describe, expect, it } from 'vitest';
import { isLoopbackOrigin, runnerOrigin } from '../../src/client/runner/origins.js';

const at = (href: string) => new URL(href);

describe('runnerOrigin', () => {
  it('puts the runner on the other loopback name, same port', () => {
    expect(runnerOrigin(at('http://127.0.0.1:4173/lessons/01-mean'))).toBe('http://localhost:4173');
    expect(runnerOrigin(at('http://localhost:4173/'))).toBe('http://127.0.0.1:4173');
    expect(runnerOrigin(at('http://localhost/'))).toBe('http://127.0.0.1');
  });

  it('has none for a page elsewhere (the same-process worker is used)', () => {
    for (const href of ['http://192.168.1.5:4173/', 'http://descent.test:4173/', 'https://localhost:4173/', 'http://[::1]:4173/', 'file:///tmp/index.html']) {
      expect(runnerOrigin(at(href))).toBeUndefined();
    }
  });
});

describe('isLoopbackOrigin', () => {
  it('accepts the app on either loopback name on the runner\'s port, and nothing else', () => {
    expect(isLoopbackOrigin('http://127.0.0.1:4173', '4173')).toBe(true);
    expect(isLoopbackOrigin('http://localhost:4173', '4173')).toBe(true);
    for (const origin of ['http://localhost:4174', 'http://evil.example:4173', 'https://localhost:4173', 'http://localhost:4173/x', 'null', '', '*']) {
      expect(isLoopbackOrigin(origin, '4173')).toBe(false);
    }
  });
});
