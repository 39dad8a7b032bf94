import { CHANNEL_TYPE } from '../../shared/constants';
import { ChannelConfigForm } from '../components/config/ChannelConfigForm';
import { ChannelSettingsFields } from '../components/config/ChannelSettingsFields';
import { ContentConfigForm, MessageConfigForm } from '../components/config/MessageConfigForm';
import { MessageFormFields } from '../components/config/MessageFormFields';
import { tExpr } from '../i18n';

/**
 * Our channel type as Notification Manager's client registers it (`registerChannelType`): Formily forms for
 * its schema-based pages, and the antd-Form loader its newer forms (the stock workflow node) ask for.
 */
export function channelTypeOptions() {
  return {
    title: tExpr('In-app inbox'),
    type: CHANNEL_TYPE,
    components: {
      ChannelConfigForm,
      MessageConfigForm,
      ContentConfigForm,
      MessageConfigFormLoader: async () => ({ default: MessageFormFields }),
      ChannelConfigFormLoader: async () => ({ default: ChannelSettingsFields }),
    },
    meta: { creatable: true, editable: true, deletable: true },
  };
}
