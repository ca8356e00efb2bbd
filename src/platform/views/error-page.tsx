import type { ViewContext } from './context.ts';
import { Layout } from './layout.tsx';

export function ErrorPage({ ctx, message }: { ctx: ViewContext; message: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('error.title')} narrow>
      <h1>{ctx.t('error.title')}</h1>
      <p class="lead">{message}</p>
      <p>
        <a href="/">{ctx.t('common.back')}</a>
      </p>
    </Layout>
  );
}
