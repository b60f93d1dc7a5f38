import type { GetUserProfileInput, GetUserProfileOutput } from '../shared/tools/get-user-profile';
import { loadData, type ToolHandler } from './tool-context';

/** get_user_profile: the signed-in customer, with the home store's name resolved. */
export const getUserProfileHandler: ToolHandler<GetUserProfileInput, GetUserProfileOutput> = async (
  _input,
  ctx,
) => {
  const [{ profile }, { stores }] = await Promise.all([
    loadData(ctx, 'account'),
    loadData(ctx, 'stores'),
  ]);
  const homeStore = stores.find((store) => store.id === profile.homeStoreId);
  return {
    ...profile,
    homeStoreName: homeStore ? `${homeStore.name}, ${homeStore.city}` : profile.homeStoreId,
  };
};
