import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as german from '@zxcvbn-ts/language-de';

zxcvbnOptions.setOptions({
  dictionary: { ...common.dictionary, ...german.dictionary },
  graphs: common.adjacencyGraphs,
  translations: german.translations,
});

export const MIN_PASSWORD_LENGTH = 10;
export const MIN_PASSWORD_SCORE = 3;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * zxcvbn's score (0–4) with the German dictionary; words the user's own data supplies
 * (name, customer number, domains) count as guessable.
 */
export function passwordScore(password: string, userInputs: string[] = []): number {
  return zxcvbn(password.slice(0, 100), userInputs.filter(Boolean)).score;
}

export function isStrongPassword(password: string, userInputs: string[] = []): boolean {
  return (
    password.length >= MIN_PASSWORD_LENGTH &&
    password.length <= MAX_PASSWORD_LENGTH &&
    passwordScore(password, userInputs) >= MIN_PASSWORD_SCORE
  );
}
