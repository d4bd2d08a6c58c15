export { PLAN_LABELS, PLAN_LIMITS, PLANS, type PlanName } from '@seology/contracts';
