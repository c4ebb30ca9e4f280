import type { ShowRatingOptions } from './types';

/** Read every attribute as an option: `product-id` → `productId`; absent ones keep their defaults. */
export const fromAttributes = (el: HTMLElement): ShowRatingOptions => {
  const o: Record<string, any> = { presentation: 'inline' };
  for (const { name, value } of el.attributes)
    o[name.replace(/-(.)/g, (_, c: string) => c.toUpperCase())] = /^(max|sample|cooldown|thanks)-/.test(name) ? +value : value;
  // trigger="order-completed" | "exit-intent" | "delay:10" | "event:Checkout Started"
  const [k, arg] = (o.trigger ?? '').split(/:(.*)/);
  return {
    ...o,
    id: o.surveyId,
    type: o.surveyType,
    labels: o.labels?.split('|'),
    followUp: o.followUp == 'none' ? false : undefined,
    reasonSet: o.reasonSet == 'none' ? false : o.reasonSet,
    autoSubmit: o.autoSubmit != 'false',
    force: o.force != null,
    trigger: k
      ? k == 'delay'
        ? { type: k, seconds: +arg }
        : k == 'event'
          ? { type: k, event: arg }
          : { type: k == 'order-completed' ? 'orderCompleted' : k == 'exit-intent' ? 'exitIntent' : k }
      : undefined,
  } as ShowRatingOptions;
};
