import { describe, expect, it } from 'vitest';
import { parseNumberInput } from '../../index.ts';

describe('numbers as people type them', () => {
  it.each([
    ['48200', {}, 48200],
    ['48,200', { integer: true }, 48200],
    ['48 200', { integer: true }, 48200],
    ['1.234.567', { integer: true }, 1234567],
    ['48.2k', { integer: true }, 48200],
    ['1.5M', { integer: true }, 1500000],
    ['3,4', {}, 3.4],
    ['12.50', {}, 12.5],
  ])('reads %s as %s', (text, rule, expected) => {
    expect(parseNumberInput(text, rule)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['0x1F', {}],
    ['1e3', {}],
    ['Infinity', {}],
    ['-5', {}],
    ['12.5', { integer: true }],
    ['55.5', { integer: true, max: 100 }],
    ['101', { integer: true, max: 100 }],
    ['lots', {}],
    ['', {}],
  ])('refuses %s', (text, rule) => {
    expect(parseNumberInput(text, rule).ok).toBe(false);
  });
});
