import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Public } from '../common/decorators/auth.decorators';
import { SkipAudit } from '../audit/audit.decorators';
import { ListNotificationsQueryDto, MarkAllReadResultDto, NotificationDto, NotificationPageDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto, description: 'Newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(actor, query);
  }

  // Public to the guards only because EventSource cannot send an Authorization header: the service
  // checks the access token from the query string (or the header) itself.
  @Public()
  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'access_token', type: String, required: false, description: 'Access token (JWT), for EventSource clients that cannot send headers' })
  @ApiOkResponse({ description: 'Server-Sent Events: `ready`, then `notification` events carrying a NotificationDto' })
  stream(@Query('access_token') token: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const header = req.get('authorization');
    return this.notifications.openStream(token ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined), res);
  }

  @Post('read-all')
  @HttpCode(200)
  @SkipAudit()
  @ApiOkResponse({ type: MarkAllReadResultDto })
  markAllRead(@CurrentActor() actor: Actor): Promise<MarkAllReadResultDto> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @SkipAudit()
  @ApiOkResponse({ type: NotificationDto })
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }
}
