/** The listener set's dispatch rules, as WHATWG's EventTarget has them (issue 11, finding 15). */
import { expect, it } from 'vitest';
import { Listeners } from '../../src/task/listeners.js';

const rethrow = (error: unknown): never => {
  throw error;
};

it('a listener removed by an earlier one during the same emit does not run', () => {
  const set = new Listeners<number>();
  const calls: string[] = [];
  const second = (): void => {
    calls.push('second');
  };
  set.add(() => {
    calls.push('first');
    set.remove(second);
  });
  set.add(second);
  set.add(() => calls.push('third'));
  set.emit(1, rethrow);
  expect(calls).toEqual(['first', 'third']);
  calls.length = 0;
  set.emit(2, rethrow);
  expect(calls).toEqual(['first', 'third']);
});

it('a listener added during an emit waits for the next emit', () => {
  const set = new Listeners<number>();
  const calls: string[] = [];
  const late = (): void => {
    calls.push('late');
  };
  set.add(() => {
    calls.push('first');
    set.add(late);
  });
  set.add(() => calls.push('second'));
  set.emit(1, rethrow);
  expect(calls).toEqual(['first', 'second']);
  calls.length = 0;
  set.emit(2, rethrow);
  expect(calls).toEqual(['first', 'second', 'late']);
});

it('removing every listener during an emit stops the rest of it', () => {
  const set = new Listeners<number>();
  const calls: string[] = [];
  set.add(() => {
    calls.push('first');
    set.remove();
  });
  set.add(() => calls.push('second'));
  set.emit(1, rethrow);
  expect(calls).toEqual(['first']);
});
