export * from './types';
export { extractPageData, textOf } from './page-data';
export { applyGuardrails, isGenericLinkText, riskOf, unsupportedFacts, clip, newGuardrailContext, LENGTH_LIMITS, type GuardrailContext } from './guardrails';
export { buildJsonLd, validateJsonLd, JSON_LD_REQUIRED } from './json-ld';
export { RulesProposalGenerator, proposeByRule, fieldOf } from './rules-generator';
export { ClaudeProposalGenerator, DEFAULT_CLAUDE_MODEL, PROPOSAL_TOOL, type ClaudeGeneratorOptions } from './claude-generator';
export { ClaudeChat, ChatStreamError, boundedHistory, describeChatError, type ChatTurn, type ChatRequest, type ChatReply, type ChatFailure } from './claude-chat';
export { bestRedirectTarget, anchorTextFor, brokenUrlOf, linkOf } from './link-proposals';
