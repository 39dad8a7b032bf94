// The demo's notification channel, of our type, as an admin would add it in Notification Manager.
const { CHANNEL } = require('./demo-data');

async function ensureChannel(api, channelType) {
  if (await api.get('notificationChannels:get', { filterByTk: CHANNEL.name })) return;
  await api.post('notificationChannels:create', { ...CHANNEL, notificationType: channelType, options: {} });
}

module.exports = { ensureChannel };
