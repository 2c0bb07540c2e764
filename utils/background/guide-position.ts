/**
 * The guide panel's position, remembered for the content script (which has
 * no storage access in Chrome: storage.local is for trusted contexts). A UI
 * preference only; the request is parsed against the protocol's schema
 * before it gets here.
 */
import { handle } from '../messaging';
import { guidePositionItem } from '../storage';
import type { Disposer } from './disposer';

export function registerGuidePositionHandlers(scope: Disposer): void {
  scope.add(handle('guidePosition:get', async () => ({ position: await guidePositionItem.getValue() })));
  scope.add(
    handle('guidePosition:set', async (position) => {
      await guidePositionItem.setValue(position);
      return { saved: true as const };
    }),
  );
  scope.add(
    handle('guidePosition:reset', async () => {
      await guidePositionItem.removeValue();
      return { saved: true as const };
    }),
  );
}
