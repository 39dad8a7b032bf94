/**
 * The failure alert's sentences in each language the plugin ships, so each supervisor reads it in the language
 * set in their NocoBase profile (`users.appLang`). Server-side text: the client's locale files hold UI strings.
 */
export interface AlertTexts {
  failed: string;
  error: string;
  aborted: string;
  timeout: string;
  /** the failing node and its reason */
  node: string;
  /** a reason without a known node */
  reason: string;
  noReason: string;
}

export type AlertKind = 'failed' | 'error' | 'aborted' | 'timeout';

export const DEFAULT_ALERT_LANGUAGE = 'en-US';

const TEXTS: Record<string, AlertTexts> = {
  'en-US': {
    failed: 'Execution #{{id}} failed.',
    error: 'Execution #{{id}} ended with an error.',
    aborted: 'Execution #{{id}} was aborted.',
    timeout: 'Execution #{{id}} timed out.',
    node: 'Node “{{node}}”: {{reason}}',
    reason: 'Reason: {{reason}}',
    noReason: 'no reason given',
  },
  'zh-CN': {
    failed: '执行 #{{id}} 失败。',
    error: '执行 #{{id}} 出错结束。',
    aborted: '执行 #{{id}} 已中止。',
    timeout: '执行 #{{id}} 超时。',
    node: '节点“{{node}}”：{{reason}}',
    reason: '原因：{{reason}}',
    noReason: '未给出原因',
  },
  'zh-TW': {
    failed: '執行 #{{id}} 失敗。',
    error: '執行 #{{id}} 發生錯誤而結束。',
    aborted: '執行 #{{id}} 已中止。',
    timeout: '執行 #{{id}} 逾時。',
    node: '節點「{{node}}」：{{reason}}',
    reason: '原因：{{reason}}',
    noReason: '未提供原因',
  },
  'fr-FR': {
    failed: 'L’exécution #{{id}} a échoué.',
    error: 'L’exécution #{{id}} s’est terminée par une erreur.',
    aborted: 'L’exécution #{{id}} a été interrompue.',
    timeout: 'L’exécution #{{id}} a dépassé son délai.',
    node: 'Nœud « {{node}} » : {{reason}}',
    reason: 'Raison : {{reason}}',
    noReason: 'aucune raison donnée',
  },
  'de-DE': {
    failed: 'Ausführung #{{id}} ist fehlgeschlagen.',
    error: 'Ausführung #{{id}} endete mit einem Fehler.',
    aborted: 'Ausführung #{{id}} wurde abgebrochen.',
    timeout: 'Ausführung #{{id}} hat das Zeitlimit überschritten.',
    node: 'Knoten „{{node}}“: {{reason}}',
    reason: 'Grund: {{reason}}',
    noReason: 'kein Grund angegeben',
  },
  'es-ES': {
    failed: 'La ejecución #{{id}} falló.',
    error: 'La ejecución #{{id}} terminó con un error.',
    aborted: 'La ejecución #{{id}} fue abortada.',
    timeout: 'La ejecución #{{id}} agotó su tiempo.',
    node: 'Nodo «{{node}}»: {{reason}}',
    reason: 'Motivo: {{reason}}',
    noReason: 'sin motivo indicado',
  },
  'it-IT': {
    failed: 'L’esecuzione #{{id}} non è riuscita.',
    error: 'L’esecuzione #{{id}} è terminata con un errore.',
    aborted: 'L’esecuzione #{{id}} è stata interrotta.',
    timeout: 'L’esecuzione #{{id}} è scaduta.',
    node: 'Nodo «{{node}}»: {{reason}}',
    reason: 'Motivo: {{reason}}',
    noReason: 'nessun motivo indicato',
  },
  'pt-BR': {
    failed: 'A execução #{{id}} falhou.',
    error: 'A execução #{{id}} terminou com um erro.',
    aborted: 'A execução #{{id}} foi abortada.',
    timeout: 'A execução #{{id}} excedeu o tempo limite.',
    node: 'Nó “{{node}}”: {{reason}}',
    reason: 'Motivo: {{reason}}',
    noReason: 'nenhum motivo informado',
  },
  'nl-NL': {
    failed: 'Uitvoering #{{id}} is mislukt.',
    error: 'Uitvoering #{{id}} eindigde met een fout.',
    aborted: 'Uitvoering #{{id}} is afgebroken.',
    timeout: 'Uitvoering #{{id}} is verlopen.',
    node: 'Knooppunt “{{node}}”: {{reason}}',
    reason: 'Reden: {{reason}}',
    noReason: 'geen reden opgegeven',
  },
  'ru-RU': {
    failed: 'Выполнение #{{id}} не удалось.',
    error: 'Выполнение #{{id}} завершилось с ошибкой.',
    aborted: 'Выполнение #{{id}} прервано.',
    timeout: 'Время выполнения #{{id}} истекло.',
    node: 'Узел «{{node}}»: {{reason}}',
    reason: 'Причина: {{reason}}',
    noReason: 'причина не указана',
  },
  'uk-UA': {
    failed: 'Виконання #{{id}} не вдалося.',
    error: 'Виконання #{{id}} завершилося з помилкою.',
    aborted: 'Виконання #{{id}} перервано.',
    timeout: 'Час виконання #{{id}} вичерпано.',
    node: 'Вузол «{{node}}»: {{reason}}',
    reason: 'Причина: {{reason}}',
    noReason: 'причину не вказано',
  },
  'ja-JP': {
    failed: '実行 #{{id}} が失敗しました。',
    error: '実行 #{{id}} はエラーで終了しました。',
    aborted: '実行 #{{id}} は中止されました。',
    timeout: '実行 #{{id}} はタイムアウトしました。',
    node: 'ノード「{{node}}」：{{reason}}',
    reason: '理由：{{reason}}',
    noReason: '理由は示されていません',
  },
  'ko-KR': {
    failed: '실행 #{{id}}이(가) 실패했습니다.',
    error: '실행 #{{id}}이(가) 오류로 종료되었습니다.',
    aborted: '실행 #{{id}}이(가) 중단되었습니다.',
    timeout: '실행 #{{id}}의 시간이 초과되었습니다.',
    node: '노드 “{{node}}”: {{reason}}',
    reason: '이유: {{reason}}',
    noReason: '이유 없음',
  },
  'id-ID': {
    failed: 'Eksekusi #{{id}} gagal.',
    error: 'Eksekusi #{{id}} berakhir dengan galat.',
    aborted: 'Eksekusi #{{id}} dibatalkan.',
    timeout: 'Eksekusi #{{id}} melewati batas waktu.',
    node: 'Node “{{node}}”: {{reason}}',
    reason: 'Alasan: {{reason}}',
    noReason: 'tidak ada alasan',
  },
  'vi-VN': {
    failed: 'Lần chạy #{{id}} thất bại.',
    error: 'Lần chạy #{{id}} kết thúc với lỗi.',
    aborted: 'Lần chạy #{{id}} đã bị hủy.',
    timeout: 'Lần chạy #{{id}} đã hết thời gian.',
    node: 'Nút “{{node}}”: {{reason}}',
    reason: 'Lý do: {{reason}}',
    noReason: 'không có lý do',
  },
  'tr-TR': {
    failed: '#{{id}} numaralı yürütme başarısız oldu.',
    error: '#{{id}} numaralı yürütme bir hatayla bitti.',
    aborted: '#{{id}} numaralı yürütme iptal edildi.',
    timeout: '#{{id}} numaralı yürütme zaman aşımına uğradı.',
    node: '“{{node}}” düğümü: {{reason}}',
    reason: 'Neden: {{reason}}',
    noReason: 'neden belirtilmedi',
  },
  'hu-HU': {
    failed: 'A(z) #{{id}} futtatás sikertelen.',
    error: 'A(z) #{{id}} futtatás hibával zárult.',
    aborted: 'A(z) #{{id}} futtatás megszakadt.',
    timeout: 'A(z) #{{id}} futtatás túllépte az időkorlátot.',
    node: '„{{node}}” csomópont: {{reason}}',
    reason: 'Ok: {{reason}}',
    noReason: 'nincs megadott ok',
  },
};

/** Pure: the texts of a language ("fr" or "fr-FR"), English when the plugin does not ship it. */
export function alertTexts(language: unknown): AlertTexts {
  if (typeof language !== 'string' || !language) return TEXTS[DEFAULT_ALERT_LANGUAGE];
  const prefix = language.split('-')[0];
  return TEXTS[language] ?? Object.entries(TEXTS).find(([tag]) => tag.split('-')[0] === prefix)?.[1] ?? TEXTS[DEFAULT_ALERT_LANGUAGE];
}

/** Pure: `{{name}}` placeholders filled. */
export const fill = (text: string, values: Record<string, string>) =>
  text.replace(/{{(\w+)}}/g, (_match, name: string) => values[name] ?? '');
