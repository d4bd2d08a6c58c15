import { Matches, ValidateIf } from 'class-validator';

/**
 * An optional field that may be left out but not sent as `null`. class-validator's `@IsOptionalNotNull()`
 * skips validation for null as well, which let `{"completed": null}` through to Prisma as a 500.
 * A field that really accepts null says so with its own `@ValidateIf` and `nullable: true`.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** A name must show something: only spaces would be stored, listed and searched as if it were one. */
export function IsNotBlank(property: string, options: { allowEmpty?: boolean } = {}): PropertyDecorator {
  return Matches(options.allowEmpty ? /^$|\S/ : /\S/, { message: `${property} must not be blank` });
}
