// Where the counter's start spends the main thread on a slow tablet: Chromium with its
// CPU throttled 4× (as Lighthouse's mobile preset simulates), the start page loaded with
// the session of counter staff, the long tasks (> 50 ms) it runs until the app's own
// screen replaced the page's first screen, with nothing in the browser's cache, and the functions (JavaScript and wasm, by
// the names the build keeps) that took most of the main thread's time in them.
// `scripts/bench-browser.sh startup-profile.spec.ts`; prints, writes
// end2end/startup-profile.json; passes or fails on nothing.
import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { atCounterStart } from '../tests/helpers';

type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };

test('the counter start profiled with 4× CPU throttling', async ({ page }) => {
  await atCounterStart(page);
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; ms: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  // As on a first visit (Lighthouse clears the cache too): no cached files, and so no
  // compiled wasm kept beside them.
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto('/counter');
  await expect(page.locator('#first-screen')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeEnabled();
  await page.waitForTimeout(1000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  };
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: unknown[] }).longTasks);

  // Self time per function, from the samples.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName || '(anonymous)';
    if (['(idle)', '(program)', '(root)'].includes(name)) return;
    const file = node.callFrame.url.split('/').pop() || '';
    const key = `${name}  ${file}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms * 10) / 10 }));
  const results = { measured: new Date().toISOString(), cpu: '4x', long_tasks: longTasks, busy_ms: Math.round(total), top };
  console.log(JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(__dirname, '..', 'startup-profile.json'), JSON.stringify(results, null, 2));
});
