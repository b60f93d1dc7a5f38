import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    reporters: ['default', ['json', { outputFile: 'reports/unit-report.json' }]],
  },
});
