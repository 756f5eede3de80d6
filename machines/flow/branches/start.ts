/** Start: who is asking. */
import { info, question, to } from "../builder";

export const startBranch = {
  start: question(null, {
    visitor: to("I'm visiting a site that shows the error", "visitorScope"),
    owner: to("I run the site (owner, developer or ops)", "ownerWhichError"),
    "not-sure": to("I'm not sure", "startNotSure"),
  }),
  startNotSure: info(null, {
    visitor: to("I can't change the site: I'm a visitor", "visitorScope"),
    owner: to("I can log in to its hosting, server or CDN", "ownerWhichError"),
  }),
};
