import { useTranslation } from 'react-i18next';
import { NAMESPACE } from '../../shared/constants';

/** NocoBase's i18n: our namespace first, NocoBase's own `client` strings as the fallback. */
export function useInboxTranslation() {
  return useTranslation([NAMESPACE, 'client'], { nsMode: 'fallback' });
}
