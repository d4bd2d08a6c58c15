import 'reflect-metadata';
import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ListIssuesQueryDto } from '../../issues/dto/issue.dto';
import { RememberingValidationPipe } from './remembering-validation.pipe';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, transform: true };
const QUERY: ArgumentMetadata = { type: 'query', metatype: ListIssuesQueryDto, data: '' };

describe('RememberingValidationPipe', () => {
  it('answers a repeated query as ValidationPipe does, with a fresh instance each time', async () => {
    const pipe = new RememberingValidationPipe(OPTIONS);
    const plain = new ValidationPipe(OPTIONS);
    const query = { severity: 'HIGH,MEDIUM', page: '3', sort: 'lastSeenAt' };
    const expected: unknown = await plain.transform({ ...query }, QUERY);
    const first: unknown = await pipe.transform({ ...query }, QUERY);
    const second: unknown = await pipe.transform({ ...query }, QUERY);
    for (const answer of [first, second]) {
      expect(answer).toBeInstanceOf(ListIssuesQueryDto);
      expect(answer).toEqual(expected);
    }
    expect(second).not.toBe(first);
    expect((second as ListIssuesQueryDto).skip).toBe(40);
  });

  it('refuses an invalid query every time it comes', async () => {
    const pipe = new RememberingValidationPipe(OPTIONS);
    for (let i = 0; i < 3; i++) {
      await expect(pipe.transform({ pageSize: '1000' }, QUERY)).rejects.toBeInstanceOf(BadRequestException);
      await expect(pipe.transform({ unknown: 'x' }, QUERY)).rejects.toBeInstanceOf(BadRequestException);
    }
  });

  it('does not take a valid query for another class as valid for this one', async () => {
    class StrictQueryDto {}
    const pipe = new RememberingValidationPipe(OPTIONS);
    await pipe.transform({ page: '2' }, QUERY);
    await expect(pipe.transform({ page: '2' }, { type: 'query', metatype: StrictQueryDto, data: '' })).rejects.toBeInstanceOf(BadRequestException);
  });
});
