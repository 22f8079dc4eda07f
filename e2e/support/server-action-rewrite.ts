import type { Page } from "@playwright/test";

/**
 * Rewrites the answers of server actions posted from this page (their RSC payload, as text), e.g. to
 * see how the UI reports an email the mail server refused without breaking the suite's SMTP sink.
 */
export async function rewriteServerActionAnswers(page: Page, rewrite: (body: string) => string) {
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !(await request.headerValue("next-action"))) return route.continue();
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers["content-length"];
    await route.fulfill({ response, headers, body: rewrite(await response.text()) });
  });
}
