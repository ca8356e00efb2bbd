import { createHash } from 'node:crypto';
import type { Language } from '../../../platform/db/database.ts';

/** What the seed publishes for an article in one language (as help_revisions holds it). */
export interface SeedText {
  question: string;
  keywords: string;
  answer: string;
}

/** SHA-256 of question, keywords and answer, joined by NUL: one text the seed has published. */
export function seedTextFingerprint(text: SeedText): string {
  return createHash('sha256').update([text.question, text.keywords, text.answer].join('\u0000')).digest('hex');
}

/**
 * Every text the seed has ever published, per article and language, newest first, each with the
 * commit that brought it. Installations seeded with an earlier one get the article's current text
 * as a new revision at start (updateSeededHelp), as long as nobody edited it since. When you
 * change an article's file, add the new text's fingerprint at the top of its list and keep the
 * old ones (seed-history.test.ts says which is missing).
 */
export const SEED_TEXT_HISTORY: Readonly<Record<number, Readonly<Record<Language, readonly string[]>>>> = {
  1000: {
    de: [
      '82a03dec4a468212923a22a6ca3afad15fba7a76c188a2ac0c9b653956eda9d4', // cd723c7
    ],
    en: [
      '1573d150ed418649ac8ea1a8b7d1c348e1faf23a8c7c384c7cba8980dd0deaa5', // 8eb7d39
      '3d7db0a43e44a7d1186dd96320826fdd960997f71b8280c45b8fbff143547186', // cd723c7
    ],
  },
  1001: {
    de: [
      '0dd8cedd5f4d862a8eb267189d76ee9ec4b5219f33ea687c96638a7bdd2a2b16', // cd723c7
    ],
    en: [
      'f1a35a04e167066e477134c49f7d11b76ffd0dce55a0f4e0664ea92974a8b27a', // 8eb7d39
      '6c169fc83ddf9a19fb6e52466f8e006c3912b2b16bbfd94a47306f5c0eacc1ea', // cd723c7
    ],
  },
  1002: {
    de: [
      '3376e4ab79062bb2fe3570a46ee48f1c1af6372ce3fe62dccc5dcda7a4daedf4', // 2bd0373
      '68153c5ee4a55d4dbd23e1ae2f799e48ff081a70eca095ada397ff40a005c27f', // 8eb7d39
      '461a1c4046a319a5cb89e6ceedeae44e22e1f0643bca50b2dbc747cd518f4993', // cd723c7
    ],
    en: [
      'a935974dca6f16ef99dd85fa62fcc68fba801c33115923d1457577cb4254e3a3', // 2bd0373
      '12c8e6b06c3167e7a629055cc1752905309b7f41d140bc423004b7dcd9dd41f9', // 8eb7d39
      'd1f4c888050a44886003583cc3a069fc647e6396afd1f52b2ae2f3e4fcd8ee75', // 83b4063
      '259d717760b6037dd792fda7974f7413e74a88decd07e0da08c2bc73cd8a1e85', // cd723c7
    ],
  },
  1003: {
    de: [
      'ba700e7877e5456928916d3cb5acab44b94836727caee693f696f8e1b77ae7cb', // cd723c7
    ],
    en: [
      '3101a56a5da5cbf674ac363d977bc56a229c558a28bf8e6ce57b5c9f9a23195c', // cd723c7
    ],
  },
  1004: {
    de: [
      'f3c7f65ef7675a2fe8b97bca970bbf4302d1a6c6bbfbea6335155dbbe355b1b6', // cd723c7
    ],
    en: [
      '0f2c338fab5c768e1954c2ab6fa5e26744eb41d26c328132c0cc863a5abd0db5', // cd723c7
    ],
  },
  1005: {
    de: [
      '2bf14c32007b2980aad0d39c2ba6f9113163b86f1e6cee4f790cee3bc3afeda7', // d1611ab
      'b988f880fbaf3e2c2cd9d66ac1dfc3a40001f6b382dd96d2905610b4f77aff7b', // cd723c7
    ],
    en: [
      '9e608f45629f7a48bc0540ba0d320962363c1c6c4770f05b6450c2f8e8cff445', // d1611ab
      '03595aad9e71f16b903479e3e2ce92acf7568205e7e80e4f8ad54b7de30accb6', // 83b4063
      '9e1565a0d4020e402de87f0bdfaeab1f041d12ded9dfcc95c1b0ec1764f35822', // cd723c7
    ],
  },
  1006: {
    de: [
      '7665e3bd172ce87da1baf406cee099b64b76c06cbf11afb4e1b1199331d4fdc9', // 8eb7d39
      'f2707464d0162802347788aa899f5a50fcb50f91f4e4c7b58eda645305e96fbb', // cd723c7
    ],
    en: [
      'c9243302c5454bb27481b68dcaef7633feccdf637e2dd08ec26e0f05312f8154', // 8eb7d39
      '621f30f847751748d753a6a526b2f91c575232a5cf119826e064a58f940bc23a', // cd723c7
    ],
  },
  1007: {
    de: [
      '4e70bb5aa62df8de49115a2bfea84217599882537225b3051865391524f66fea', // cd723c7
    ],
    en: [
      '7615b760b8b437d23c5849468762a26f014c180c27ef179f41a449d759db62d6', // 8eb7d39
      '950d9da1e81b3e5cdb4aea18998e903f0b055d6380fcb165988fd0f1a056ba32', // 83b4063
      '173335cf48617a0b8dc68ee67ceca988e8f759836157e16377a241bef5ef9643', // cd723c7
    ],
  },
  1008: {
    de: [
      '3f4d85d2b62196a43a624e0778b4f30b67c84585b58c6c479309f55c92236db5', // 8eb7d39
      '1b81e07889218781563404daf6f3fd29d6a2bca37af1d1b2c0ad08f7be6ea5e7', // cd723c7
    ],
    en: [
      '076b0e0fa8a009569ceb7f7e3811955841b2f2cba0a72f25ecfd4600e79d1d38', // 8eb7d39
      'e949a292e6a099061119b60ba0d96903b9818a1802cc5e54637cff8862f7004d', // cd723c7
    ],
  },
  1009: {
    de: [
      '6dc977d970d856cd652bb4a7b5b65d40728524a243c04b9ebbda9f762182b195', // 8eb7d39
      'ed5b8b53f1d7e732c7e71a6c54845f42985099e22d47854c97de499e0e551201', // cd723c7
    ],
    en: [
      '2f2335d13b8d7be206437d4345073d0cbeb50bb92e62ef55d8a0eeffcb87519d', // 8eb7d39
      'ec3ccc4aa901b21af48cff5de9a5c9fa2214df66565f0167ca34c5968615fcac', // cd723c7
    ],
  },
  1010: {
    de: [
      '8be9a56545975ea1076f85b1f92a2926c1998368fa73813188cc38abe47b1821', // 8eb7d39
      '58db55c7161687724f5ffdd636cf2aff8fb588730b065110d1b1debd1a4a0b80', // cd723c7
    ],
    en: [
      '978ae1bd7f62b605afc58c3ec669a779b1658900386daecc0417eada88465351', // 8eb7d39
      'a63d883818f6bc0665797a717aaca79e6f11dab750ea6b0c75f85e29d1b3185f', // cd723c7
    ],
  },
  1011: {
    de: [
      'c5f01a7ee62e300899eeb61797c045763a22366942a86426c927ace853e53fa1', // cd723c7
    ],
    en: [
      'd34b89090dc2e920770ee2f24869deea0eed01f4da683f91f8dc6a454bbebd08', // cd723c7
    ],
  },
  1012: {
    de: [
      '18d8b7cbe2f50c897a8fb6e10126e85f0e82329253c369aa49ba87017ce4dfb1', // cd723c7
    ],
    en: [
      '4404fb2960294084abc9d6fe1cd06264b5bdd96e47f48e391bbeead7469cc752', // cd723c7
    ],
  },
  1013: {
    de: [
      'c918344dedebd19b99ece614c8e989d832e5f8c5e2a6be16fd70bb0c694f3aa5', // 8eb7d39
      'bf027129905ea6e0ff18263df1dc3bfe88d9ba3d8f40210a2775b721f820c121', // cd723c7
    ],
    en: [
      '856582b08a633f7ac60a7cd6405a7a80fc3e6e9d74c73478cd82c3ce6246da16', // 8eb7d39
      'c5e98ac890ec01f87ac1e1198d2876a90222bc24494bd1a65b52e4540a3f8707', // 83b4063
      'ffda346dcb342225d260eb2b791288087cbc144882d21b0c306a1d9bb5753cf6', // cd723c7
    ],
  },
  1014: {
    de: [
      '1d2ec8276c0f521febb36c51fe0a4a518c25d52b496a75ea024004a2e5299945', // cd723c7
    ],
    en: [
      '0b8ab95e55a57af423a5b5263e2b9b0a27a0989fa846132f2a58a36c4ad9b9b7', // cd723c7
    ],
  },
};
