import { Module } from '@nestjs/common';
import { EmailService } from './email.service';
import { JobsModule } from '../jobs/jobs.module';

@Module({ imports: [JobsModule], providers: [EmailService], exports: [EmailService] })
export class EmailModule {}
