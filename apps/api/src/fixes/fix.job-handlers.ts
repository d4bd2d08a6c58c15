import { Injectable } from '@nestjs/common';
import { JobHandler, OnFinalFailure, type FinalFailure, type JobContext } from '../jobs/job-handler.decorator';
import { FixExecutor } from './fix-executor.service';

@Injectable()
export class FixJobHandlers {
  constructor(private readonly executor: FixExecutor) {}

  /** Idempotent: a re-run of an applied fix does nothing; a half-done run resumes without writing twice. */
  @JobHandler('APPLY_FIX')
  applyFix(ctx: JobContext<'APPLY_FIX'>): Promise<unknown> {
    return this.executor.apply(ctx.payload.fixId);
  }

  @JobHandler('ROLLBACK_FIX')
  rollbackFix(ctx: JobContext<'ROLLBACK_FIX'>): Promise<unknown> {
    return this.executor.rollback(ctx.payload.fixId, ctx.payload.force ?? false, ctx.payload.automatic ?? false, ctx.payload.from);
  }

  @OnFinalFailure('APPLY_FIX')
  applyFixGaveUp(failure: FinalFailure<'APPLY_FIX'>): Promise<unknown> {
    return this.executor.applyGaveUp(failure.payload.fixId, failure.error);
  }

  @OnFinalFailure('ROLLBACK_FIX')
  rollbackFixGaveUp(failure: FinalFailure<'ROLLBACK_FIX'>): Promise<unknown> {
    return this.executor.rollbackGaveUp(failure.payload.fixId, failure.error, failure.payload.from);
  }
}
