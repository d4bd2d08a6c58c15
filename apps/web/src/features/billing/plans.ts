import { PLAN_LIMITS, PLANS, type PlanName } from '@seology/contracts';

export { PLAN_LIMITS, PLANS, type PlanName };

export const PLAN_LABELS: Record<PlanName, string> = { FREE: 'Free', STARTER: 'Starter', PRO: 'Pro', AGENCY: 'Agency', ENTERPRISE: 'Enterprise' };
