import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { AiChatController } from './ai-chat.controller';
import { AiChatRepository } from './ai-chat.repository';
import { AiChatService } from './ai-chat.service';
import { ClaudeChats } from './claude-chats';

@Module({
  imports: [ConnectionsModule],
  controllers: [AiChatController],
  providers: [AiChatService, AiChatRepository, ClaudeChats],
})
export class AiChatModule {}
