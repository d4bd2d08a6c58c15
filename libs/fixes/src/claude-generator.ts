import Anthropic from '@anthropic-ai/sdk';
import { applyGuardrails, riskOf } from './guardrails';
import { currentValue, duplicateKeepers, fieldOf, guardrailContextOf, imageOf, RulesProposalGenerator } from './rules-generator';
import type { FixableFinding, GenerateResult, GeneratorUsage, ProposalField, ProposalGenerator, SiteContext } from './types';

export interface ClaudeGeneratorOptions {
  apiKey: string;
  /** Messages API root; defaults to Anthropic's. Tests point it at the local contract server. */
  baseURL?: string;
  model?: string;
  maxTokens?: number;
  /** Retries of 429/5xx/529 by the SDK (it honours retry-after). Default 2. */
  maxRetries?: number;
  timeoutMs?: number;
}

export const DEFAULT_CLAUDE_MODEL = 'claude-sonnet-4-5';

/** The one way a Claude client is built (proposals and the assistant share retries, timeout and base URL). */
export function createClaudeClient(opts: Pick<ClaudeGeneratorOptions, 'apiKey' | 'baseURL' | 'maxRetries' | 'timeoutMs'>): Anthropic {
  return new Anthropic({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: opts.maxRetries ?? 2, timeout: opts.timeoutMs ?? 60_000 });
}

/** The Messages API's usage object in the product's terms; cache fields are absent on some responses. */
export function toGeneratorUsage(u: Pick<Anthropic.Usage, 'input_tokens' | 'output_tokens'> & Partial<Pick<Anthropic.Usage, 'cache_creation_input_tokens' | 'cache_read_input_tokens'>>): GeneratorUsage {
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheCreationInputTokens: u.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: u.cache_read_input_tokens ?? 0,
  };
}
export const PROPOSAL_TOOL = 'propose_fixes';

/** Fields whose wording the model writes; the structural ones (canonical, robots, JSON-LD) stay rule-based. */
const AI_FIELDS: ProposalField[] = ['title', 'metaDescription', 'imageAlt', 'h1', 'ogTitle', 'ogDescription'];

const INSTRUCTIONS = [
  'You write SEO fixes for pages of one website. For each finding, call the tool with exactly one proposal.',
  'Rules: use only facts stated on the page (no invented numbers, prices, years, names or claims);',
  'write in the language of the page; titles 30-60 characters, meta descriptions 70-160, image alt text at most 125, h1 at most 70;',
  'every title and description must be unique on the site; no keyword stuffing; no quotes around values;',
  'write from the page content only (never its menu, header, footer, sidebar, comment form or cookie notice);',
  'brand only with the site name given below, never a domain, address or label; plain characters, no HTML entities; end on a whole sentence or clause.',
].join(' ');

export const PROPOSAL_TOOL_SCHEMA = {
  type: 'object' as const,
  properties: {
    proposals: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          issueId: { type: 'string' },
          field: { type: 'string', enum: AI_FIELDS },
          target: { type: 'string', description: 'image src for imageAlt' },
          value: { type: 'string' },
          lang: { type: 'string', description: 'BCP 47 language of value' },
          rationale: { type: 'string' },
        },
        required: ['issueId', 'field', 'value', 'lang', 'rationale'],
      },
    },
  },
  required: ['proposals'],
};

interface ToolProposal {
  issueId: string;
  field: ProposalField;
  target?: string;
  value: string;
  lang?: string;
  rationale?: string;
}

/**
 * Proposals written by Claude through a tool call (structured output). The site-level context is
 * one cached system block (`cache_control: ephemeral`), so the second and later batches of a site
 * read it from the cache. Every proposal passes the same guardrails as the rules; a rejected one
 * falls back to the rule-based proposal for that finding.
 */
export class ClaudeProposalGenerator implements ProposalGenerator {
  readonly name = 'claude' as const;
  private readonly client: Anthropic;
  private readonly rules = new RulesProposalGenerator();
  readonly model: string;

  constructor(private readonly opts: ClaudeGeneratorOptions) {
    this.client = createClaudeClient(opts);
    this.model = opts.model ?? DEFAULT_CLAUDE_MODEL;
  }

  async generate(site: SiteContext, findings: FixableFinding[]): Promise<GenerateResult> {
    const ctx = guardrailContextOf(site);
    // Which page of a duplicate pair keeps its value, and h1 fixes that need a person, are decided by the rules.
    const keepers = duplicateKeepers(findings);
    const aiFindings = findings.filter((f) => {
      const field = fieldOf(f.fixKind, f.checkId);
      return field !== null && AI_FIELDS.includes(field) && !keepers.has(f.issueId) && f.checkId !== 'h1-multiple';
    });
    const ruleFindings = findings.filter((f) => !aiFindings.includes(f));
    const result: GenerateResult = { proposals: [], rejected: [], model: this.model, usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 } };
    const fallback: FixableFinding[] = [...ruleFindings];

    if (aiFindings.length) {
      const message = await this.client.messages.create({
        model: this.model,
        max_tokens: this.opts.maxTokens ?? 4096,
        system: [
          { type: 'text', text: INSTRUCTIONS },
          { type: 'text', text: siteContextBlock(site), cache_control: { type: 'ephemeral' } },
        ],
        tools: [{ name: PROPOSAL_TOOL, description: 'Record one SEO fix proposal per finding.', input_schema: PROPOSAL_TOOL_SCHEMA }],
        tool_choice: { type: 'tool', name: PROPOSAL_TOOL },
        messages: [{ role: 'user', content: JSON.stringify(aiFindings.map(findingForPrompt)) }],
      });
      result.usage = toGeneratorUsage(message.usage);
      const call = message.content.find((block) => block.type === 'tool_use' && block.name === PROPOSAL_TOOL);
      const items = call && call.type === 'tool_use' ? ((call.input as { proposals?: ToolProposal[] }).proposals ?? []) : [];
      for (const finding of aiFindings) {
        const field = fieldOf(finding.fixKind, finding.checkId)!;
        const item = items.find((i) => i.issueId === finding.issueId && i.field === field && typeof i.value === 'string');
        if (!item) {
          fallback.push(finding);
          continue;
        }
        const target = field === 'imageAlt' ? (item.target ?? imageOf(finding)?.src) : undefined;
        const checked = applyGuardrails(
          { issueId: finding.issueId, field, target, before: currentValue(field, finding, target), after: item.value, risk: riskOf(field), rationale: item.rationale ?? 'Written by Claude from the page content.', method: 'AI' },
          finding.page, ctx, { lang: item.lang ?? null },
        );
        if (checked.ok) result.proposals.push(checked.proposal);
        else {
          result.rejected.push({ ...checked.rejected, reason: `AI proposal rejected (${checked.rejected.reason}); used the rules instead` });
          fallback.push(finding);
        }
      }
    }
    const ruled = await this.rules.generate(site, fallback, ctx);
    result.proposals.push(...ruled.proposals);
    result.rejected.push(...ruled.rejected);
    return result;
  }
}

function siteContextBlock(site: SiteContext): string {
  const brand = site.siteName
    ? `Site name (the only brand a text may carry): ${site.siteName}; in titles after " ${site.titleSeparator ?? '–'} ", as the site's own titles do`
    : 'The site does not state its name: do not brand texts with a name, domain or address.';
  return `${brand}\nSite address (never use it in a text): ${site.siteUrl}\nTitles already used on the site:\n${(site.existingTitles ?? []).slice(0, 300).join('\n')}\n` +
    `Descriptions already used on the site:\n${(site.existingDescriptions ?? []).slice(0, 300).join('\n')}`;
}

function findingForPrompt(f: FixableFinding) {
  const p = f.page;
  return {
    issueId: f.issueId, check: f.checkId, field: fieldOf(f.fixKind, f.checkId), image: f.fixKind === 'image-alt' ? imageOf(f)?.src : undefined,
    page: { url: p.url, lang: p.lang, title: p.title, description: p.description, h1: p.h1, headings: p.headings.slice(0, 10), firstParagraph: p.firstParagraph, text: p.text.slice(0, 3000) },
  };
}
