import type { Profile, ProfileName } from './profile.js';
import { my } from './my.js';
import { standard } from './standard.js';
import { swan } from './swan.js';
import { taro } from './taro.js';
import { tt } from './tt.js';
import { uni } from './uni.js';
import { wx } from './wx.js';

export type { Profile, ProfileName } from './profile.js';

/** Every profile by name; the platform profiles register here. */
export const profiles: Partial<Record<ProfileName, Profile>> = { standard, wx, tt, swan, uni, taro, my };
