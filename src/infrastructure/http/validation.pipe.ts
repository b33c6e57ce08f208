import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent === '' ? e.property : `${parent}.${e.property}`;
    const own = e.constraints === undefined ? [] : [{ field, problems: Object.values(e.constraints) }];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** DTO validation with the error shape: 400 VALIDATION_FAILED naming every field and its problems. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: `Invalid request: ${fields.map((f) => `${f.field} (${f.problems.join('; ')})`).join(', ')}`,
        details: { fields },
      });
    },
  });
}
