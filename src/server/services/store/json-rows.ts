import type { Binds, TableSql } from './sql';

/**
 * Many rows as ONE bound parameter: a JSON array of rows, read back as a table by the database's own JSON
 * functions, so `INSERT INTO t (…) <source>` writes thousands of rows a statement. Bound values one by one cost
 * more than linearly per statement in sequelize and the SQLite driver (9,000 values: 1.3k rows/s); one JSON
 * parameter does not. Each value is first converted by sequelize for its column (dates in the dialect's
 * format, JSON serialised), so the rows read back exactly as rows sequelize wrote.
 */
export function jsonRowsSource(sql: TableSql, binds: Binds, attributes: string[], rows: unknown[][]): string {
  const fields = attributes.map((attribute) => sql.model.getAttributes()[attribute]);
  const stored = (value: unknown, index: number) => {
    let converted: unknown = null;
    sql.generator.format(value, fields[index], {}, (formatted) => {
      converted = formatted;
      return '';
    });
    return converted instanceof Date ? converted.toISOString() : converted;
  };
  const param = binds.add(JSON.stringify(rows.map((row) => row.map(stored))));
  const type = (index: number) => (fields[index].type as unknown as { toSql(): string }).toSql();
  switch (sql.dialect) {
    case 'sqlite':
      return `SELECT ${attributes.map((_, i) => `json_extract(value, '$[${i}]')`).join(',')} FROM json_each(${param}) ORDER BY key`;
    case 'postgres':
      return (
        `SELECT ${attributes.map((_, i) => `CAST(r->>${i} AS ${type(i)})`).join(',')} ` +
        `FROM json_array_elements(CAST(${param} AS json)) WITH ORDINALITY AS e(r, n) ORDER BY n`
      );
    default: {
      // MariaDB/MySQL: JSON_TABLE's JSON columns hold the text of the value, as a JSON column stores it
      const column = (i: number) => `c${i} ${/^JSON/i.test(type(i)) ? 'LONGTEXT' : type(i)} PATH '$[${i}]'`;
      return (
        `SELECT ${attributes.map((_, i) => `j.c${i}`).join(',')} FROM JSON_TABLE(${param}, '$[*]' COLUMNS ` +
        `(n FOR ORDINALITY, ${attributes.map((_, i) => column(i)).join(', ')})) AS j ORDER BY j.n`
      );
    }
  }
}
