import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const getUserProfileInput = z.object({});
export type GetUserProfileInput = z.infer<typeof getUserProfileInput>;

export const getUserProfileOutput = z.object({
  customerId: z.string(),
  name: z.string(),
  email: z.string(),
  tier: z.string(),
  memberSince: z.string(),
  homeStoreId: z.string(),
  homeStoreName: z.string(),
});
export type GetUserProfileOutput = z.infer<typeof getUserProfileOutput>;

export const getUserProfileSpec = defineToolSpec({
  name: 'get_user_profile',
  description:
    "Get the signed-in customer's profile: name, email, loyalty tier, member-since date and home store (id and " +
    'name). Takes no arguments. Independent of the balance and order tools, so call them together in parallel.',
  input: getUserProfileInput,
  runsOn: 'browser',
  timeoutMs: 5000,
  simulatedLatency: { baseMs: 300, jitterMs: 120 },
});
