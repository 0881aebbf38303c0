// The monthly report's HTML in a real browser: Debian's Chromium draws its charts (the report's
// figures and formats are checked in test/command/report.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect } from 'vitest';
import { writeOctoberHtml } from '../command/october.js';
import { CHROMIUM, itWith } from '../system-programs.js';
import { sandbox } from './helpers.js';

describe('desk report monthly', () => {
  itWith(CHROMIUM, 'draws the HTML report\'s charts in a browser', async () => {
    const box = sandbox();
    const out = await writeOctoberHtml(box.desk, box.dir);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${out}`);
      const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => ({ label: svg.getAttribute('aria-label'), ...svg.getBoundingClientRect().toJSON(), bars: svg.querySelectorAll('rect').length })));
      expect(charts.map((c) => c.label)).toEqual(expect.arrayContaining(['Created per day', 'By type', 'SLA attainment', 'Satisfaction']));
      for (const chart of charts) {
        expect(chart.width, chart.label!).toBeGreaterThan(0);
        expect(chart.height, chart.label!).toBeGreaterThan(0);
        expect(chart.bars, chart.label!).toBeGreaterThan(0);
      }
      await page.screenshot({ path: join(box.dir, 'october.png'), fullPage: true });
      expect(readFileSync(join(box.dir, 'october.png')).length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  }, 60_000);

  itWith(CHROMIUM, "prints the appraisal's HTML one page per team", async () => {
    const box = sandbox();
    const out = join(box.dir, 'appraisal.html');
    expect(box.desk(['create', '--title', 'Printer', '--requester', 'y', '--channel', 'phone']).code).toBe(0);
    expect(box.desk(['report', 'appraisal', '--month', '2026-10', '--lang', 'zh', '--out', out]).code).toBe(0);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${out}`);
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      // The example's six teams, each on its own sheet.
      expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(6);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
