import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Permission } from '../common/decorators/auth.decorators';
import { PaginationQueryDto, type Page } from '../common/dto/pagination.dto';
import { AiChatService } from './ai-chat.service';
import { AssistantStatusDto, ConversationDetailDto, ConversationDto, ConversationPageDto, CreateConversationDto, SendMessageDto } from './dto/conversation.dto';
import { SseStream } from '../common/sse-stream';

@ApiTags('assistant')
@ApiBearerAuth()
@Controller()
export class AiChatController {
  constructor(private readonly chat: AiChatService) {}

  @Get('assistant/status')
  @Permission('issues:read')
  @ApiOkResponse({ type: AssistantStatusDto, description: 'Whether the assistant can answer (an Anthropic API key is configured)' })
  status(): AssistantStatusDto {
    return this.chat.status();
  }

  @Post('connections/:connectionId/conversations')
  @Permission('issues:write')
  @ApiCreatedResponse({ type: ConversationDto })
  create(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Body() dto: CreateConversationDto): Promise<ConversationDto> {
    return this.chat.create(actor, connectionId, dto);
  }

  @Get('connections/:connectionId/conversations')
  @Permission('issues:read')
  @ApiOkResponse({ type: ConversationPageDto, description: "The caller's conversations about this site, most recent first" })
  list(@CurrentActor() actor: Actor, @Param('connectionId') connectionId: string, @Query() query: PaginationQueryDto): Promise<Page<ConversationDto>> {
    return this.chat.list(actor, connectionId, query);
  }

  @Get('conversations/:id')
  @Permission('issues:read')
  @ApiOkResponse({ type: ConversationDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ConversationDetailDto> {
    return this.chat.get(actor, id);
  }

  @Delete('conversations/:id')
  @HttpCode(204)
  @Permission('issues:write')
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.chat.remove(actor, id);
  }

  @Post('conversations/:id/messages')
  @Permission('issues:write')
  @ApiOperation({
    summary: "Ask the assistant; the answer streams back as Server-Sent Events",
    description:
      'Events: `start` { conversationId, userMessageId }, then `delta` { text } per chunk, then either `done` ' +
      '{ messageId, model, stopReason, usage } or `error` { message, failure, messageId } (the partial answer is stored). ' +
      'Refusals before the stream opens are ordinary JSON errors: 404, 400, 402 (AI token quota), 503 (no Anthropic API key).',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async sendMessage(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: SendMessageDto, @Res() res: Response): Promise<void> {
    await this.chat.reply(actor, id, dto.content, new SseStream(res));
  }
}
