import type { Locator, Page } from "@playwright/test";

const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";

/**
 * What changes from one run to the next without the app changing: dates as the app writes them
 * ("Mar 4, 2026", "Mar 4, 2026, 9:30 AM UTC", "Mar 4" under the usage chart) and the random part of
 * API key prefixes ("obs_live_ab12…"). Relative times ("2 hours ago") come from data the spec places
 * relative to now, so they stay.
 */
const CHANGING = [
  `${MONTH} \\d{1,2}(?:, \\d{4}(?:,? (?:at )?\\d{1,2}:\\d{2}\\s?[AP]M(?: UTC)?)?)?`,
  "obs_live_[0-9A-Za-z]{4}…",
].join("|");

/**
 * Covers each changing piece of text with a plain grey box, drawn over the page (the app's own
 * elements are left alone), and returns how many it drew. A box over the page's own text sits under
 * dialogs, their dimming overlay and menus (z-index 40 and 50 in components/ui), as the text does; a
 * box over text in one of those sits on top.
 */
async function coverChangingText(page: Page): Promise<number> {
  return page.evaluate((source) => {
    const pattern = new RegExp(source, "g");
    const boxes: { box: DOMRect; zIndex: string }[] = [];
    const layered = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [role="tooltip"]';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, [data-guide-cover]")) continue;
      // Not rendered: in a closed <details>, hidden, or transparent.
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const zIndex = parent.closest(layered) ? "2147483647" : "30";
      for (const match of text.matchAll(pattern)) {
        if (parent instanceof SVGElement) {
          // A chart's axis label: its text element is the date and nothing else.
          boxes.push({ box: parent.getBoundingClientRect(), zIndex });
          continue;
        }
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        for (const box of Array.from(range.getClientRects())) boxes.push({ box, zIndex });
      }
    }
    let drawn = 0;
    for (const { box, zIndex } of boxes) {
      if (box.width < 2 || box.height < 2) continue; // hidden, or visually hidden for screen readers
      const cover = document.createElement("div");
      cover.dataset.guideCover = "";
      Object.assign(cover.style, {
        position: "absolute",
        left: `${box.left + window.scrollX - 1}px`,
        top: `${box.top + window.scrollY}px`,
        width: `${box.width + 2}px`,
        height: `${box.height}px`,
        background: "#d4d4d8",
        borderRadius: "3px",
        zIndex,
        pointerEvents: "none",
      });
      document.body.append(cover);
      drawn += 1;
    }
    return drawn;
  }, CHANGING);
}

/**
 * A screenshot for docs/user-guide.md: the viewport, or one region; dates and key prefixes covered,
 * animations stopped and the mouse out of the way (no hover styles or tooltips).
 */
export async function guideScreenshot(page: Page, path: string, region?: Locator): Promise<void> {
  await page.mouse.move(0, 0);
  await coverChangingText(page);
  try {
    if (region) await region.screenshot({ path, animations: "disabled" });
    else await page.screenshot({ path, animations: "disabled" });
  } finally {
    await page.evaluate(() => document.querySelectorAll("[data-guide-cover]").forEach((cover) => cover.remove()));
  }
}
