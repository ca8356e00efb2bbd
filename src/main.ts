import { ConfigError } from './config.ts';
import { serve } from './server.ts';

serve().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
