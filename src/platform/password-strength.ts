import type { zxcvbn as Zxcvbn } from '@zxcvbn-ts/core';

export const MIN_PASSWORD_LENGTH = 10;
export const MIN_PASSWORD_SCORE = 3;
export const MAX_PASSWORD_LENGTH = 256;

let estimator: Promise<typeof Zxcvbn> | undefined;

/**
 * zxcvbn with the common and German dictionaries, loaded on the first password check: they are
 * about 18 MB of heap that a server answering page views never needs.
 */
function loadEstimator(): Promise<typeof Zxcvbn> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-de')]).then(
    ([core, common, german]) => {
      core.zxcvbnOptions.setOptions({
        dictionary: { ...common.dictionary, ...german.dictionary },
        graphs: common.adjacencyGraphs,
        translations: german.translations,
      });
      return core.zxcvbn;
    },
  );
  return estimator;
}

/**
 * zxcvbn's score (0–4) with the German dictionary; words the user's own data supplies
 * (name, customer number, domains) count as guessable.
 */
export async function passwordScore(password: string, userInputs: string[] = []): Promise<number> {
  const zxcvbn = await loadEstimator();
  return zxcvbn(password.slice(0, 100), userInputs.filter(Boolean)).score;
}

export async function isStrongPassword(password: string, userInputs: string[] = []): Promise<boolean> {
  return (
    password.length >= MIN_PASSWORD_LENGTH &&
    password.length <= MAX_PASSWORD_LENGTH &&
    (await passwordScore(password, userInputs)) >= MIN_PASSWORD_SCORE
  );
}
