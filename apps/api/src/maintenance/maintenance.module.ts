import { Module } from '@nestjs/common';
import { SearchConsoleModule } from '../search-console/search-console.module';
import { MaintenanceJobHandlers } from './maintenance.job-handlers';
import { MaintenanceScheduler } from './maintenance.scheduler';

@Module({ imports: [SearchConsoleModule], providers: [MaintenanceJobHandlers, MaintenanceScheduler] })
export class MaintenanceModule {}
