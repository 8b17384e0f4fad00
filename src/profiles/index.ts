import type { Profile, ProfileName } from './profile.js';
import { standard } from './standard.js';

export type { Profile, ProfileName } from './profile.js';

/** Every profile by name; the platform profiles register here. */
export const profiles: Partial<Record<ProfileName, Profile>> = { standard };
