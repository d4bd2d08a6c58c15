export { startAnthropicMessagesServer, type AnthropicMessagesServer, type MessagesFault, type MessagesRequestBody } from './anthropic-messages-server';
