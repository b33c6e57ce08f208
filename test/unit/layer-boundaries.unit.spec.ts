import { RuleTester } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule is plain CommonJS, loaded as ESLint loads it
const rule = require('../../eslint-rules/layer-boundaries.js') as import('eslint').Rule.RuleModule;

// The rule resolves layers against the working directory, which Jest sets to the repository root.
const root = process.cwd();
const at = (path: string): string => join(root, path);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

// RuleTester declares its own describe/it blocks: one test per case below.
describe('tradebook/layer-boundaries', () => {
  tester.run('layer-boundaries', rule, {
    valid: [
      { code: "import { Dec } from '../shared/decimal';", filename: at('src/domain/orders/x.ts') },
      { code: "import Decimal from 'decimal.js';", filename: at('src/domain/orders/x.ts') },
      {
        code: "import { OrdersModule } from '../orders';",
        filename: at('src/modules/risk/risk.module.ts'),
      },
      {
        code: "import { OrdersModule } from '../orders/index';",
        filename: at('src/modules/risk/risk.module.ts'),
      },
      {
        code: "import { X } from './commands/place/place.handler';",
        filename: at('src/modules/orders/orders.module.ts'),
      },
      {
        code: "import { Injectable } from '@nestjs/common';",
        filename: at('src/modules/orders/x.ts'),
      },
      {
        code: "import { Dec } from '../../domain/shared/decimal';",
        filename: at('src/infrastructure/event-store/x.ts'),
      },
    ],
    invalid: [
      {
        code: "import { Injectable } from '@nestjs/common';",
        filename: at('src/domain/orders/x.ts'),
        errors: [{ messageId: 'domainImport' }],
      },
      {
        code: "import { Pool } from 'pg';",
        filename: at('src/domain/orders/x.ts'),
        errors: [{ messageId: 'domainImport' }],
      },
      {
        code: "import { X } from '../../infrastructure/event-store/x';",
        filename: at('src/domain/orders/x.ts'),
        errors: [{ messageId: 'domainImport' }],
      },
      {
        code: "import { H } from '../orders/commands/place/place.handler';",
        filename: at('src/modules/risk/x.ts'),
        errors: [{ messageId: 'moduleInternals' }],
      },
      {
        code: "export * from '../orders/orders.module';",
        filename: at('src/modules/risk/index.ts'),
        errors: [{ messageId: 'moduleInternals' }],
      },
      {
        code: "import { OrdersModule } from '../../modules/orders';",
        filename: at('src/infrastructure/x/y.ts'),
        errors: [{ messageId: 'infraImportsModule' }],
      },
    ],
  });
});
