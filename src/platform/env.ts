import { z } from 'zod';

/** A yes/no setting from the environment, written the ways operators write it. */
export const envFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
