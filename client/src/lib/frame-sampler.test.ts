import { describe, expect, it } from 'vitest';
import { CountSums } from './frame-counts.js';
import { FrameSampler } from './frame-sampler.js';
import { HistoryRing } from './history-ring.js';
import { samplerFrames } from './sampler-frames.js';
import recorded from './sampler-frames.json' with { type: 'json' };
import { SampleBuffer } from './series-columns.js';
import { ThinningSeries } from './thinning-series.js';

const category = (id: string) => (id === 'src' ? 'source' : id === 'out' ? 'sink' : 'transform');

describe('FrameSampler by column index', () => {
  // The fixture is what the sampler wrote when every sample was a Map of ~10,000 string keys
  // (main at 7f34668): the same frames must make the same charts, sample for sample.
  it('fills the histories exactly as the Map-keyed sampler did', () => {
    const sampler = new FrameSampler(195);
    const ring = new HistoryRing(12);
    const whole = new ThinningSeries(8, 195);
    for (const f of samplerFrames()) {
      const v = sampler.sample(f, category, new CountSums());
      if (v === null) continue;
      ring.push(f.t / 1000, v);
      whole.offer(f.t / 1000, v);
    }
    const keys = [...new Set([...ring.keys(), ...whole.keys()])].sort();
    expect(keys).toEqual(recorded.keys);
    expect(ring.read(keys)).toEqual(recorded.ring);
    expect(whole.read(keys)).toEqual(recorded.whole);
  });

  it('gives a history the same columns whether a sample comes by index or by key', () => {
    const sampler = new FrameSampler(0);
    const byIndex = new HistoryRing(30);
    const byKey = new HistoryRing(30);
    for (const f of samplerFrames(60)) {
      const v = sampler.sample(f, category);
      if (v === null) continue;
      byIndex.push(f.t / 1000, v);
      byKey.push(f.t / 1000, (v as SampleBuffer).toMap());
    }
    const keys = [...byIndex.keys()];
    expect(byKey.read(keys)).toEqual(byIndex.read(keys));
  });
});

describe('SampleBuffer', () => {
  it('keeps a series its column and clears values, not columns', () => {
    const b = new SampleBuffer();
    const a = b.slot('a');
    for (let i = 0; i < 600; i++) b.slot(`k${i}`);
    expect(b.slot('a')).toBe(a);
    b.values[a] = 3;
    expect(b.toMap().get('a')).toBe(3);
    b.clear();
    expect(b.toMap().size).toBe(0);
    expect(b.keys.length).toBe(601);
  });
});
