import { Injectable } from '@nestjs/common';
import { ClaudeChat, DEFAULT_CLAUDE_MODEL } from '@seology/fixes';
import { loadAnthropicConfig } from '../config/app-config';

/**
 * The assistant's Claude client, configured like proposal generation: ANTHROPIC_API_KEY (required
 * for the assistant), ANTHROPIC_BASE_URL and ANTHROPIC_MODEL (optional). Read per call so a process
 * picks up a key without a code change, and tests can switch it.
 */
@Injectable()
export class ClaudeChats {
  current(): ClaudeChat | null {
    const { ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: baseURL } = loadAnthropicConfig();
    if (!apiKey) return null;
    return new ClaudeChat({ apiKey, baseURL, model: this.model(), maxRetries: 2 });
  }

  model(): string {
    return loadAnthropicConfig().ANTHROPIC_MODEL ?? DEFAULT_CLAUDE_MODEL;
  }
}
