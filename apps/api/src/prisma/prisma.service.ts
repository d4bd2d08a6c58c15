import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { pgConnectionFields } from '@seology/contracts';
import { AppConfig } from '../config/app-config';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(config: AppConfig) {
    super({
      adapter: new PrismaPg({ ...pgConnectionFields(config.DATABASE_URL), max: 10 }),
      // Prisma's defaults (2 s to get a connection, 5 s per interactive transaction) fail short
      // transactions outright on a loaded machine ("Transaction not found"); these still bound a stuck one.
      transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
