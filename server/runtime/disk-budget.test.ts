import { describe, expect, it } from 'vitest';
import { diskBudget, fullBudget, giveBack, takeForLines, takenBytes, tryTake } from './disk-budget.js';

describe('disk budgets', () => {
  it('takes all or nothing, never past the limit, and gives back never below zero', () => {
    const b = diskBudget('files', 100, 'X', 30);
    expect(tryTake(b, 70)).toBe(true);
    expect(tryTake(b, 1)).toBe(false);
    expect(takenBytes(b)).toBe(100);
    giveBack(b, 500);
    expect(takenBytes(b)).toBe(0);
  });

  it('takes lines from every budget or none, up to the first that does not fit', () => {
    const run = diskBudget('run', 100, 'RUN');
    const server = diskBudget('server', 50, 'SERVER', 10);
    expect(takeForLines([run, server], [15, 15, 15])).toBe(2); // the server has 40 left
    expect(takenBytes(run)).toBe(30);
    expect(takenBytes(server)).toBe(40);
    expect(fullBudget([run, server], 15)).toBe(server);
    expect(takeForLines([run, server], [10])).toBe(1);
    expect(takeForLines([run, server], [1])).toBe(0);
    expect(takenBytes(run)).toBe(40); // the refused line took nothing from the run's budget
  });

  it('is one count across threads: the buffer is shared, not copied, by structured clone', () => {
    const b = diskBudget('files', 100, 'X');
    const copy = structuredClone(b);
    expect(tryTake(copy, 60)).toBe(true);
    expect(takenBytes(b)).toBe(60);
  });
});
