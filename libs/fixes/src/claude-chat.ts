import type Anthropic from '@anthropic-ai/sdk';
import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { createClaudeClient, DEFAULT_CLAUDE_MODEL, toGeneratorUsage, type ClaudeGeneratorOptions } from './claude-generator';
import type { GeneratorUsage } from './types';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  /** Standing instructions: the first system block. */
  instructions: string;
  /** What the conversation is about (the site and its issues): the second system block, cached. */
  context: string;
  /** Already bounded and well-formed (see `boundedHistory`); the last turn is the user's question. */
  messages: ChatTurn[];
  /** Aborting it stops the upstream stream (the reader went away). */
  signal?: AbortSignal;
  /** Called with every text chunk as it arrives. */
  onText?: (delta: string) => void;
}

export interface ChatReply {
  text: string;
  usage: GeneratorUsage;
  stopReason: string | null;
  model: string;
}

export type ChatFailure = 'aborted' | 'auth' | 'rate_limited' | 'overloaded' | 'unreachable' | 'upstream';

const ZERO_USAGE: GeneratorUsage = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };

/**
 * A streamed answer that did not complete. Carries what had arrived (text and the usage reported so
 * far) so the caller can keep the partial answer and still meter the tokens that were spent.
 */
export class ChatStreamError extends Error {
  override readonly name = 'ChatStreamError';

  constructor(
    message: string,
    readonly failure: ChatFailure,
    readonly partialText: string,
    readonly usage: GeneratorUsage,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * Conversations with Claude over the Messages API's streaming mode (`messages.stream`), built on the
 * same client, model default, base URL and usage shape as the proposal generator. The context block
 * carries `cache_control: ephemeral`: every turn of a conversation re-sends it, so from the second
 * turn on it is read from the cache.
 */
export class ClaudeChat {
  private readonly client: Anthropic;
  readonly model: string;

  constructor(private readonly opts: ClaudeGeneratorOptions) {
    this.client = createClaudeClient(opts);
    this.model = opts.model ?? DEFAULT_CLAUDE_MODEL;
  }

  async reply(request: ChatRequest): Promise<ChatReply> {
    const stream = this.client.messages.stream(
      {
        model: this.model,
        max_tokens: this.opts.maxTokens ?? 2048,
        system: [
          { type: 'text', text: request.instructions },
          { type: 'text', text: request.context, cache_control: { type: 'ephemeral' } },
        ],
        messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      },
      { signal: request.signal },
    );
    let text = '';
    let usage = ZERO_USAGE;
    stream.on('streamEvent', (_event, snapshot) => {
      usage = toGeneratorUsage(snapshot.usage);
    });
    stream.on('text', (delta) => {
      text += delta;
      request.onText?.(delta);
    });
    try {
      const message = await stream.finalMessage();
      return { text, usage: toGeneratorUsage(message.usage), stopReason: message.stop_reason, model: message.model };
    } catch (error) {
      const { failure, message } = describeChatError(error);
      throw new ChatStreamError(message, failure, text, usage, error);
    }
  }
}

/** A sentence a site owner can act on, and a category the caller can branch on. */
export function describeChatError(error: unknown): { failure: ChatFailure; message: string } {
  if (error instanceof APIUserAbortError) return { failure: 'aborted', message: 'The answer was stopped before it finished.' };
  if (error instanceof APIConnectionError) return { failure: 'unreachable', message: 'Could not reach the Anthropic API. Try again in a moment.' };
  // A mid-stream `event: error` arrives as an APIError without a status; its body's type says what happened.
  if (error instanceof APIError) {
    const type = error.type ?? (error.error as { error?: { type?: string } } | undefined)?.error?.type ?? null;
    if (error.status === 401 || error.status === 403 || type === 'authentication_error' || type === 'permission_error') {
      return { failure: 'auth', message: 'The Anthropic API key was refused. Ask an administrator to check ANTHROPIC_API_KEY.' };
    }
    if (error.status === 429 || type === 'rate_limit_error') {
      return { failure: 'rate_limited', message: 'Claude is receiving too many requests for this key right now. Try again in a minute.' };
    }
    if (error.status === 529 || type === 'overloaded_error') {
      return { failure: 'overloaded', message: 'Claude is overloaded right now. Try again in a minute.' };
    }
    const detail = error.apiMessage ?? (error.error as { error?: { message?: string } } | undefined)?.error?.message;
    return { failure: 'upstream', message: `Claude could not finish the answer${detail ? ` (${detail})` : ''}. Try again.` };
  }
  return { failure: 'upstream', message: `Claude could not finish the answer (${error instanceof Error ? error.message : String(error)}). Try again.` };
}

/**
 * The part of a conversation sent upstream: only turns with text, consecutive turns of one role
 * merged (the API wants them alternating), starting with the user, at most `maxTurns` turns and
 * `maxChars` characters (the newest are kept), so a long conversation costs a bounded number of tokens.
 */
export function boundedHistory(turns: ChatTurn[], maxTurns = 20, maxChars = 60_000): ChatTurn[] {
  const merged: ChatTurn[] = [];
  for (const turn of turns) {
    if (!turn.content.trim()) continue;
    const last = merged[merged.length - 1];
    if (last && last.role === turn.role) last.content = `${last.content}\n\n${turn.content}`;
    else merged.push({ role: turn.role, content: turn.content });
  }
  const kept: ChatTurn[] = [];
  let chars = 0;
  for (let i = merged.length - 1; i >= 0 && kept.length < maxTurns; i--) {
    const turn = merged[i]!;
    // The newest turn is always kept (clipped if it alone is too long): it is the question.
    if (kept.length && chars + turn.content.length > maxChars) break;
    const content = kept.length ? turn.content : turn.content.slice(-maxChars);
    chars += content.length;
    kept.unshift({ role: turn.role, content });
  }
  while (kept.length && kept[0]!.role !== 'user') kept.shift();
  return kept;
}
