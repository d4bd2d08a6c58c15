import { HttpStatus, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { AIConversation, Connection } from '@prisma/client';
import { boundedHistory, ChatStreamError, type ChatReply, type ClaudeChat, type GeneratorUsage } from '@seology/fixes';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../common/decorators/auth.decorators';
import { toPage, type Page, type PaginationQueryDto } from '../common/dto/pagination.dto';
import { ApiError } from '../common/filters/http-error.filter';
import { ConnectionsService } from '../connections/connections.service';
import { RedisLocks } from '../redis/redis-locks.service';
import { UsageService } from '../usage/usage.service';
import { AiChatRepository, type ConversationSummary, type StoredMessage } from './ai-chat.repository';
import { ClaudeChats } from './claude-chats';
import { AssistantStatusDto, ConversationDetailDto, ConversationDto, CreateConversationDto } from './dto/conversation.dto';
import { ASSISTANT_INSTRUCTIONS, siteContextBlock } from './site-context';
import type { ChatEventSink } from '../common/sse-stream';

/** Turns sent upstream per answer: enough for a follow-up to make sense, bounded in tokens. */
export const HISTORY_TURNS = 20;
/** Open issues listed in the site context. */
export const CONTEXT_ISSUES = 30;
const DEFAULT_TITLE = 'New conversation';
/** A process that dies mid-answer holds its conversation this long at most. */
const ANSWER_LOCK_MS = 5 * 60_000;
const TITLE_FROM_QUESTION = 60;

export const NO_KEY_MESSAGE =
  'The AI assistant needs an Anthropic API key: set ANTHROPIC_API_KEY on the server. Everything else in Seology works on rules alone.';

@Injectable()
export class AiChatService {
  private readonly logger = new Logger(AiChatService.name);

  constructor(
    private readonly conversations: AiChatRepository,
    private readonly connections: ConnectionsService,
    private readonly claude: ClaudeChats,
    private readonly usage: UsageService,
    private readonly locks: RedisLocks,
  ) {}

  status(): AssistantStatusDto {
    return this.claude.current()
      ? { available: true, model: this.claude.model() }
      : { available: false, model: null, message: NO_KEY_MESSAGE };
  }

  async create(actor: Actor, connectionId: string, dto: CreateConversationDto): Promise<ConversationDto> {
    const site = await this.connections.getAccessible(actor, connectionId);
    return toConversationDto(await this.conversations.create(actor.userId, site.id, dto.title?.trim() || DEFAULT_TITLE));
  }

  async list(actor: Actor, connectionId: string, query: PaginationQueryDto): Promise<Page<ConversationDto>> {
    const site = await this.connections.getAccessible(actor, connectionId);
    const [items, total] = await this.conversations.findPageForUser(actor.userId, site.id, query.skip, query.pageSize);
    return toPage(items.map(toConversationDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<ConversationDetailDto> {
    const conversation = await this.getAccessible(actor, id);
    return { ...toConversationDto(conversation), messages: storedMessages(conversation) };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.conversations.delete((await this.getAccessible(actor, id)).id);
  }

  /**
   * Stores the question, streams Claude's answer into `sink` and stores it once complete. Everything
   * that can be refused (no access, no key, quota used up) is refused before the stream opens, as a
   * plain HTTP error; after that, failures are `error` events and the partial answer is kept.
   */
  async reply(actor: Actor, id: string, content: string, sink: ChatEventSink): Promise<void> {
    const conversation = await this.getAccessible(actor, id);
    const site = await this.connections.getAccessible(actor, conversation.connectionId!);
    const chat = this.claude.current();
    if (!chat) throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, NO_KEY_MESSAGE, 'AI_NOT_CONFIGURED');
    // Like proposals, the site's creator pays for the tokens (team sites count against their creator's plan).
    const payer = site.userId;
    const [limit, used] = await Promise.all([this.usage.limitOf(payer, 'aiTokens'), this.usage.used(payer, 'aiTokens')]);
    if (used >= limit) {
      throw new ApiError(HttpStatus.PAYMENT_REQUIRED, `Your plan allows ${limit} AI tokens a month and ${used} are used. Upgrade your plan or wait for next month.`, 'QUOTA_EXCEEDED', { meter: 'aiTokens', limit, used });
    }

    // One answer at a time per conversation, across API processes: a second question would be sent
    // without the first one's answer in its history, and the two answers would interleave.
    const release = await this.locks.tryAcquire(`chat:${conversation.id}`, ANSWER_LOCK_MS);
    if (!release) {
      throw new ApiError(HttpStatus.CONFLICT, 'An answer is still being written in this conversation. Wait for it, or stop it, before asking again.', 'ANSWER_IN_PROGRESS');
    }
    try {
      await this.answer(conversation, site, chat, payer, content, sink);
    } finally {
      await release();
    }
  }

  private async answer(conversation: AIConversation, site: Connection, chat: ClaudeChat, payer: string, content: string, sink: ChatEventSink): Promise<void> {
    // Read again under the lock: the stored history may have grown since the access check.
    conversation = (await this.conversations.findById(conversation.id)) ?? conversation;
    const question: StoredMessage = { id: randomUUID(), role: 'user', content: content.trim(), createdAt: new Date().toISOString() };
    const history = boundedHistory([...storedMessages(conversation), question], HISTORY_TURNS);
    const { bySeverity, issues } = await this.conversations.siteIssues(site.id, CONTEXT_ISSUES);
    const untitled = conversation.title === DEFAULT_TITLE && storedMessages(conversation).length === 0;
    await this.conversations.append(conversation.id, [question], { title: untitled ? titleFrom(question.content) : undefined });

    sink.open();
    sink.send('start', { conversationId: conversation.id, userMessageId: question.id });
    const answerId = randomUUID();
    let reply: ChatReply | undefined;
    let failure: ChatStreamError | undefined;
    try {
      reply = await chat.reply({
        instructions: ASSISTANT_INSTRUCTIONS,
        context: siteContextBlock(site, bySeverity, issues),
        messages: history,
        signal: sink.signal,
        onText: (text) => sink.send('delta', { text }),
      });
    } catch (error) {
      failure = error instanceof ChatStreamError ? error : new ChatStreamError('Claude could not finish the answer. Try again.', 'upstream', '', zeroUsage(), error);
      if (failure.failure !== 'aborted') this.logger.warn(`assistant answer in ${conversation.id} failed: ${failure.message}`);
    }

    const text = reply?.text ?? failure?.partialText ?? '';
    const usage = reply?.usage ?? failure?.usage ?? zeroUsage();
    // A failed answer is kept too (with whatever arrived and why it stopped), so the conversation shows it after a reload.
    const answer: StoredMessage = { id: answerId, role: 'assistant', content: text, createdAt: new Date().toISOString(), ...(failure ? { error: failure.message } : {}) };
    try {
      await this.conversations.append(conversation.id, [answer], {
        inputTokens: usage.inputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens,
        outputTokens: usage.outputTokens,
        model: reply?.model ?? chat.model,
      });
    } catch (error) {
      this.logger.error(`assistant answer in ${conversation.id} not stored: ${(error as Error).message}`);
      sink.send('error', { message: 'The answer could not be saved. Try again.', failure: 'storage', messageId: null });
      return sink.end();
    } finally {
      await this.meter(payer, usage);
    }
    if (reply) sink.send('done', { messageId: answerId, model: reply.model, stopReason: reply.stopReason, usage });
    else sink.send('error', { message: failure!.message, failure: failure!.failure, messageId: answerId });
    sink.end();
  }

  /** Counted like proposal generation: uncached input, output and cache writes (cache reads are nearly free). */
  private async meter(userId: string, usage: GeneratorUsage): Promise<void> {
    const tokens = usage.inputTokens + usage.outputTokens + usage.cacheCreationInputTokens;
    if (tokens <= 0) return;
    await this.usage.consume(userId, 'aiTokens', tokens).catch((error: unknown) => this.logger.warn(`AI tokens not metered: ${(error as Error).message}`));
  }

  private async getAccessible(actor: Actor, id: string): Promise<AIConversation> {
    const conversation = await this.conversations.findAccessible(id, actor.userId);
    if (!conversation?.connectionId) throw new NotFoundException('No conversation with this id.');
    return conversation;
  }
}

function zeroUsage(): GeneratorUsage {
  return { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
}

function storedMessages(conversation: AIConversation): StoredMessage[] {
  return Array.isArray(conversation.messages) ? (conversation.messages as unknown as StoredMessage[]) : [];
}

function titleFrom(question: string): string {
  const flat = question.replace(/\s+/g, ' ').trim();
  return flat.length > TITLE_FROM_QUESTION ? `${flat.slice(0, TITLE_FROM_QUESTION - 1).replace(/\s+\S*$/, '')}…` : flat;
}

function toConversationDto(c: ConversationSummary): ConversationDto {
  return {
    id: c.id,
    connectionId: c.connectionId!,
    title: c.title,
    model: c.model,
    inputTokens: c.inputTokens,
    outputTokens: c.outputTokens,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
