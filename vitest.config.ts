import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
    reporters: ['default', ['json', { outputFile: 'reports/unit-report.json' }]],
  },
});
