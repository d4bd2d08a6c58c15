import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { AiChatController } from './ai-chat.controller';
import { AiChatRepository } from './ai-chat.repository';
import { AiChatService } from './ai-chat.service';
import { ClaudeChats } from './claude-chats';
import { PrismaModule } from '../prisma/prisma.module';
import { RedisModule } from '../redis/redis.module';
import { UsageModule } from '../usage/usage.module';

@Module({
  imports: [ConnectionsModule, PrismaModule, RedisModule, UsageModule],
  controllers: [AiChatController],
  providers: [AiChatService, AiChatRepository, ClaudeChats],
})
export class AiChatModule {}
