/**
 * Secrets planted in the lab's HAR recordings (test/lab/har/record.ts and
 * test/e2e/har.spec.ts). Made up, and long and random-looking like real ones; a test fails
 * when any of them survives the sanitiser.
 */
export const PLANTED = {
  /** The value of a `session` cookie set in the browser before the pages load. */
  cookie: "s3ss10n-c00kie-Zq8vN2rT5wX1yB4m",
  /** Sent as `Authorization: Bearer …` with every request. */
  bearer: "b3arer-T0ken-Kp7Lw9Qx2Rz5Ys8Vu1",
  /** Put in every URL as `access_token=…`. */
  queryToken: "qTok3n-Ha6Jd4Nf8Gs2Mc5Lb9Xe",
} as const;
