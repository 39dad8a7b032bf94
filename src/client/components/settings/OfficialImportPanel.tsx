import { Alert, Button, Checkbox, Descriptions, Progress, Space, Spin } from 'antd';
import React, { useState } from 'react';
import type { ImportResult } from '../../../shared/official-import';
import { useRequest } from 'ahooks';
import { requestFailure } from '../../settings-api';
import { LoadFailed } from './LoadFailed';
import type { SettingsEnv } from './settings-env';

/** Official rows read per request: small enough for a progress bar to move, large enough to stay fast. */
export const IMPORT_STEP_ROWS = 20000;

type Totals = Pick<ImportResult, 'imported' | 'skipped' | 'channelsConverted'>;

const addStep = (totals: Totals, step: ImportResult): Totals => ({
  imported: totals.imported + step.imported,
  skipped: totals.skipped + step.skipped,
  channelsConverted: [...totals.channelsConverted, ...step.channelsConverted],
});

/**
 * "Import from the official plugin": what the official in-app plugin holds, one button that copies it in (step
 * by step, with a progress bar) and optionally turns its channels into ours, then the result.
 */
export function OfficialImportPanel({ env }: { env: SettingsEnv }) {
  const { requests, t, notify } = env;
  const status = useRequest(requests.officialStatus);
  const [convert, setConvert] = useState(true);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Totals | null>(null);
  const [result, setResult] = useState<Totals | null>(null);

  const run = async () => {
    setRunning(true);
    setResult(null);
    let totals: Totals = { imported: 0, skipped: 0, channelsConverted: [] };
    setProgress(totals);
    try {
      let after: string | null = null;
      for (let first = true; ; first = false) {
        const step: ImportResult = await requests.importOfficial({
          maxRows: IMPORT_STEP_ROWS,
          ...(first && convert ? { convertChannels: true } : {}),
          ...(after ? { after } : {}),
        });
        totals = addStep(totals, step);
        setProgress(totals);
        if (step.done) break;
        after = step.cursor;
      }
      setResult(totals);
      notify.success(t('Import finished'));
    } catch (error) {
      notify.error(requestFailure(error).message ?? t('The import failed: run it again to go on where it stopped'));
    } finally {
      setRunning(false);
      setProgress(null);
      status.refresh();
    }
  };

  if (status.error) return <LoadFailed message={t('The official plugin could not be checked')} loaded={status} t={t} />;
  const data = status.data;
  if (data && !data.available) {
    return <Alert type="info" showIcon message={t('The official in-app message plugin is not enabled: enable it to import its messages.')} />;
  }
  const total = data?.messages ?? 0;
  const read = progress ? progress.imported + progress.skipped : 0;
  return (
    <Spin spinning={status.loading && !data}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('Messages in the official plugin')}>{total}</Descriptions.Item>
          <Descriptions.Item label={t('Already imported')}>{data?.imported ?? 0}</Descriptions.Item>
          <Descriptions.Item label={t('Channels of the official type')}>
            {data?.channels.length ? data.channels.join(', ') : t('None')}
          </Descriptions.Item>
        </Descriptions>
        <Checkbox checked={convert} disabled={running} onChange={(event) => setConvert(event.target.checked)}>
          {t('Turn its channels into In-app inbox channels (workflows sending through them keep working)')}
        </Checkbox>
        <Button type="primary" onClick={run} loading={running} disabled={!data}>
          {t('Import from the official plugin')}
        </Button>
        {progress && (
          <Progress
            aria-label={t('Import progress')}
            percent={total ? Math.min(100, Math.floor((read / total) * 100)) : 0}
            status="active"
          />
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            message={t('{{imported}} messages imported, {{skipped}} skipped', { imported: result.imported, skipped: result.skipped })}
            description={
              result.channelsConverted.length
                ? t('Channels converted: {{names}}', { names: result.channelsConverted.join(', ') })
                : undefined
            }
          />
        )}
      </Space>
    </Spin>
  );
}
