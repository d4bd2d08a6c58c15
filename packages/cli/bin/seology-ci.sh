#!/usr/bin/env bash
# `seology-ci`: the step both CI integrations run (integrations/github-action, integrations/gitlab). Audits
# $SEOLOGY_URL with @seology/cli, writes the JSON report to $SEOLOGY_REPORT and exits 1 when a finding
# of $SEOLOGY_FAIL_ON or worse exists (only findings new since $SEOLOGY_BASELINE when one is given).
# It runs the `seology` of the same package (`npx --package @seology/cli seology-ci`).
set -euo pipefail
: "${SEOLOGY_URL:?set SEOLOGY_URL to the site to audit}"
report="${SEOLOGY_REPORT:-seology-report.json}"
args=(audit "$SEOLOGY_URL" --format json --fail-on "${SEOLOGY_FAIL_ON:-high}" --max-pages "${SEOLOGY_MAX_PAGES:-500}")
if [ "${SEOLOGY_ALLOW_PRIVATE:-false}" = "true" ]; then args+=(--allow-private); fi
if [ -n "${SEOLOGY_BASELINE:-}" ]; then
  if [ -f "$SEOLOGY_BASELINE" ]; then args+=(--baseline "$SEOLOGY_BASELINE"); else echo "seology: no baseline at $SEOLOGY_BASELINE; gating on every finding" >&2; fi
fi
# shellcheck disable=SC2206 # extra options are split on spaces on purpose
if [ -n "${SEOLOGY_ARGS:-}" ]; then args+=($SEOLOGY_ARGS); fi
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
status=0
node "$here/seology.js" "${args[@]}" > "$report" || status=$?
case "$status" in
  0) echo "seology: no gating findings; report in $report" ;;
  1) echo "seology: findings at or above ${SEOLOGY_FAIL_ON:-high}${SEOLOGY_BASELINE:+ that are not in the baseline}; see $report" >&2 ;;
  *) echo "seology: the audit could not run (exit $status)" >&2 ;;
esac
exit "$status"
