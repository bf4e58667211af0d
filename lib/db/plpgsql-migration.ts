/**
 * A migration that creates a plpgsql function. The body is an E-string with every ";" written as \073: Prisma's
 * schema engine splits a migration at each ";" it sees, even inside a function body.
 */
export function plpgsqlFunctionMigrationSql(fn: { comment: string; signature: string; returns: string; body: string }): string {
  const escaped = fn.body.replace(/\\/g, "\\\\").replace(/'/g, "''").replace(/;/g, "\\073");
  return `-- ${fn.comment}
CREATE FUNCTION ${fn.signature}
RETURNS ${fn.returns} LANGUAGE plpgsql AS E'${escaped}';
`;
}
