/** Impressions over which a page counts as fully exposed: its issues keep their whole check score. */
export const FULL_EXPOSURE_IMPRESSIONS = 10_000;
/** The share of a check's score an issue keeps on a page nobody sees in search. */
const UNSEEN_SHARE = 0.4;

/** Days of Search Console data behind an issue's `estimatedTraffic`. */
export const TRAFFIC_WINDOW_DAYS = 28;

/**
 * An issue's impact once its page's search exposure is known: the check's score (severity × weight),
 * scaled on a log curve from 40% for a page without impressions to 100% from 10,000 impressions in 28
 * days. Clicks count ten times, since a click is a visit the fix can win or lose. A severe issue on an
 * unseen page still outranks a trivial one on a popular page; among equal checks the seen page wins.
 */
export function trafficWeightedImpact(checkScore: number, impressions: number, clicks: number): number {
  const exposure = Math.max(0, impressions) + 10 * Math.max(0, clicks);
  const share = Math.min(1, Math.log10(1 + exposure) / Math.log10(1 + FULL_EXPOSURE_IMPRESSIONS));
  return Math.round(checkScore * (UNSEEN_SHARE + (1 - UNSEEN_SHARE) * share) * 100) / 100;
}
