import { Injectable } from '@nestjs/common';
import { ClaudeProposalGenerator, DEFAULT_CLAUDE_MODEL, RulesProposalGenerator, type ProposalGenerator } from '@seology/fixes';

/**
 * Which generator writes proposals: Claude when ANTHROPIC_API_KEY is set (ANTHROPIC_BASE_URL and
 * ANTHROPIC_MODEL optional), otherwise the deterministic rules. Read per call so a process picks
 * up the key without a code change, and tests can switch it.
 */
@Injectable()
export class ProposalGenerators {
  readonly rules = new RulesProposalGenerator();

  current(): { generator: ProposalGenerator; model: string | null } {
    const apiKey = process.env.ANTHROPIC_API_KEY;
    if (!apiKey) return { generator: this.rules, model: null };
    const model = process.env.ANTHROPIC_MODEL || DEFAULT_CLAUDE_MODEL;
    return { generator: new ClaudeProposalGenerator({ apiKey, baseURL: process.env.ANTHROPIC_BASE_URL || undefined, model, maxRetries: 2 }), model };
  }
}
