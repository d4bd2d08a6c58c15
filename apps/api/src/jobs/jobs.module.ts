import { Global, Module } from '@nestjs/common';
import { AdminJobsController, JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';
import { QueuesModule } from './queues.module';

@Global()
@Module({
  imports: [QueuesModule],
  controllers: [JobsController, AdminJobsController],
  providers: [JobsService, JobsRepository],
  exports: [JobsService, JobsRepository],
})
export class JobsModule {}
