import { describe, expect, it } from 'vitest';
import { fillLevel, fillRatio } from './fill-level.js';

describe('fillLevel', () => {
  it('is green below 60 %', () => {
    expect(fillLevel(0, 64)).toBe('green');
    expect(fillLevel(59, 100)).toBe('green');
  });

  it('is yellow from 60 % up to (not including) 85 %', () => {
    expect(fillLevel(60, 100)).toBe('yellow');
    expect(fillLevel(84, 100)).toBe('yellow');
  });

  it('is red from 85 %', () => {
    expect(fillLevel(85, 100)).toBe('red');
    expect(fillLevel(64, 64)).toBe('red');
  });

  it('treats a rendezvous edge as empty unless something is queued', () => {
    expect(fillLevel(0, 0)).toBe('green');
    expect(fillLevel(1, 0)).toBe('red');
  });
});

describe('fillRatio', () => {
  it('clamps to 0..1', () => {
    expect(fillRatio(80, 64)).toBe(1);
    expect(fillRatio(-3, 64)).toBe(0);
    expect(fillRatio(16, 64)).toBe(0.25);
  });
});
