import { Injectable } from '@nestjs/common';
import { ClaudeProposalGenerator, DEFAULT_CLAUDE_MODEL, RulesProposalGenerator, type ProposalGenerator } from '@seology/fixes';
import { loadAnthropicConfig } from '../config/app-config';

/**
 * Which generator writes proposals: Claude when ANTHROPIC_API_KEY is set (ANTHROPIC_BASE_URL and
 * ANTHROPIC_MODEL optional), otherwise the deterministic rules. Read (and validated) per call so a
 * process picks up the key without a code change, and tests can switch it.
 */
@Injectable()
export class ProposalGenerators {
  readonly rules = new RulesProposalGenerator();

  current(): { generator: ProposalGenerator; model: string | null } {
    const { ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: baseURL, ANTHROPIC_MODEL } = loadAnthropicConfig();
    if (!apiKey) return { generator: this.rules, model: null };
    const model = ANTHROPIC_MODEL ?? DEFAULT_CLAUDE_MODEL;
    return { generator: new ClaudeProposalGenerator({ apiKey, baseURL, model, maxRetries: 2 }), model };
  }
}
