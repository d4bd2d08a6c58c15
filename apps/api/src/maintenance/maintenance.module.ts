import { Module } from '@nestjs/common';
import { SearchConsoleModule } from '../search-console/search-console.module';
import { MaintenanceJobHandlers } from './maintenance.job-handlers';
import { MaintenanceRepository } from './maintenance.repository';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { JobsModule } from '../jobs/jobs.module';
import { PrismaModule } from '../prisma/prisma.module';

@Module({ imports: [SearchConsoleModule, JobsModule, PrismaModule], providers: [MaintenanceJobHandlers, MaintenanceRepository, MaintenanceScheduler] })
export class MaintenanceModule {}
