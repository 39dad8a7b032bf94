// axe-core in the page under test (the browser suite's only use of it): the WCAG violations inside one element.
import type { Page } from 'playwright-core';

export interface Violation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** Runs axe on what `selector` matches (every match) and answers its violations, each with the nodes' selectors. */
export async function axeViolations(page: Page, selector: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run({ include: [[include]] }, { resultTypes: ['violations'] });
    return result.violations.map((violation: any) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node: any) => node.target.join(' ')),
    }));
  }, selector);
}
