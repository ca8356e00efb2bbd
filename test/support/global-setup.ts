// Once per test run: the servers the tests start run the same bundle as `npm start`.
import { buildBundle } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildBundle();
}
