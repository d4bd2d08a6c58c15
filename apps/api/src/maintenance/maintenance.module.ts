import { Module } from '@nestjs/common';
import { MaintenanceJobHandlers } from './maintenance.job-handlers';
import { MaintenanceScheduler } from './maintenance.scheduler';

@Module({ providers: [MaintenanceJobHandlers, MaintenanceScheduler] })
export class MaintenanceModule {}
