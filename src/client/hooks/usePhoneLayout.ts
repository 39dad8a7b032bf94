import { Grid } from 'antd';

/** Below antd's `md` breakpoint (768 px): the phone layout, where the host folds its top-bar items into a menu. */
export function usePhoneLayout(): boolean {
  return Grid.useBreakpoint().md === false;
}
