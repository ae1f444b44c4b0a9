import { expect, it } from 'vitest';
import { WaiterList } from './waiter-list.js';

it('wakes every waiter once; waiters added during a wake wait for the next one', () => {
  const list = new WaiterList();
  const calls: string[] = [];
  const late = () => calls.push('late');
  list.add(() => calls.push('a'));
  list.add(() => {
    calls.push('b');
    list.add(late);
  });
  list.add(() => calls.push('c'));

  list.wakeAll();
  expect(calls).toEqual(['a', 'b', 'c']);
  expect(list.length).toBe(1);

  list.wakeAll();
  expect(calls).toEqual(['a', 'b', 'c', 'late']);
  expect(list.length).toBe(0);
});

it('a wake from inside a wake calls the waiters added meanwhile, and nothing twice', () => {
  const list = new WaiterList();
  const calls: string[] = [];
  list.add(() => {
    calls.push('outer-1');
    list.add(() => calls.push('inner'));
    list.wakeAll(); // re-entrant: only the waiter just added is due
  });
  list.add(() => calls.push('outer-2'));

  list.wakeAll();
  expect(calls).toEqual(['outer-1', 'inner', 'outer-2']);
  expect(list.length).toBe(0);
  // The arrays are reused afterwards without losing a waiter.
  list.add(() => calls.push('next'));
  list.add(() => calls.push('next-2'));
  list.wakeAll();
  expect(calls.slice(3)).toEqual(['next', 'next-2']);
});

it('remove withdraws a waiter; clear forgets all without calling them', () => {
  const list = new WaiterList();
  const calls: number[] = [];
  const one = () => calls.push(1);
  list.add(one);
  list.add(() => calls.push(2));
  list.remove(one);
  list.remove(one); // already gone: nothing happens
  list.wakeAll();
  expect(calls).toEqual([2]);
  list.add(() => calls.push(3));
  list.clear();
  list.wakeAll();
  expect(calls).toEqual([2]);
});
