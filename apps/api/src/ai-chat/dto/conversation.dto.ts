import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/optional';

/** Longest question accepted; longer text belongs in a document, not a chat turn. */
export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_TITLE_LENGTH = 120;

export class CreateConversationDto {
  @ApiPropertyOptional({ maxLength: MAX_TITLE_LENGTH, description: 'Defaults to the start of the first question' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(MAX_TITLE_LENGTH)
  title?: string;
}

export class SendMessageDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH, example: 'Which issues should I fix first?' })
  @IsString()
  @IsNotEmpty({ message: 'content must not be empty' })
  @Matches(/\S/, { message: 'content must not be empty' })
  @MaxLength(MAX_MESSAGE_LENGTH, { message: `content must be at most ${MAX_MESSAGE_LENGTH} characters` })
  content!: string;
}

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export class ConversationMessageDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: MESSAGE_ROLES }) role!: MessageRole;
  @ApiProperty() content!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ description: 'Why an answer is incomplete (the stream failed or was stopped); content holds what arrived' })
  error?: string;
}

export class ConversationDto {
  @ApiProperty() id!: string;
  @ApiProperty() connectionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Model of the latest answer' }) model!: string | null;
  @ApiProperty({ description: 'Input tokens of every answer, including cached ones' }) inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ConversationDetailDto extends ConversationDto {
  @ApiProperty({ type: ConversationMessageDto, isArray: true }) messages!: ConversationMessageDto[];
}

export class ConversationPageDto {
  @ApiProperty({ type: ConversationDto, isArray: true }) items!: ConversationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AssistantStatusDto {
  @ApiProperty({ description: 'False when no Anthropic API key is configured' }) available!: boolean;
  @ApiProperty({ type: String, nullable: true }) model!: string | null;
  @ApiPropertyOptional() message?: string;
}
