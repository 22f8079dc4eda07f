import { renderBodyTemplate } from "./body-template";
import { checkCustomHeader } from "./custom-headers";
import { SenderSetupError, type Sender } from "./sender";
import { gone, isRedirect, isSuccess, permanent, redirectMessage, retryable, success } from "./verdicts";

export { checkBodyTemplate, renderBodyTemplate, TEMPLATE_VARIABLES } from "./body-template";

/** Answers that mean the request itself is wrong: retrying the same request will not help. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 422]);

const HINTS: Record<number, string> = {
  400: "Check the body template against what the receiver expects",
  401: "Check the authentication headers",
  403: "Check the authentication headers",
  404: "Check the URL",
  422: "Check the body template against what the receiver expects",
};

/** Any HTTP endpoint, with the user's method, secret headers and body template (docs/integrations.md, "Custom HTTP"). */
export const customSender: Sender<"custom"> = {
  urlFor: (target) => target.settings.url,

  buildRequest(target, event) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(target.secrets.headers ?? {})) {
      const problem = checkCustomHeader(name, value);
      if (problem) throw new SenderSetupError(problem, "Edit the integration's headers");
      headers[name] = value;
    }
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "application/json";
    }
    return {
      url: target.settings.url,
      method: target.settings.method,
      headers,
      body: renderBodyTemplate(target.settings.body_template, event),
    };
  },

  judge(response, target) {
    const status = response.status;
    if (isSuccess(status)) return success();
    if (status === 410) {
      return gone(
        "The receiver answered 410 Gone: it no longer accepts these requests",
        "Update the URL to the receiver's new address, or delete the integration",
      );
    }
    if (PERMANENT_STATUSES.has(status)) return permanent(`The receiver answered ${status}`, HINTS[status]!);
    if (isRedirect(status)) return retryable(redirectMessage("The receiver", response, target.settings.url));
    return retryable(`The receiver answered ${status}`);
  },
};
