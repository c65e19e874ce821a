// @ts-check

// The newest result of each rule of each product, kept beside the time
// series so that "which products fail now" is one indexed read instead of
// a scan of every stored result (the discovery page filters on it).

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('quality_rule_status', table => {
    // No quote in comments: knex passes them to PostgreSQL unescaped.
    table.comment('Per product and rule: the verdict of the newest check');
    table.string('product', 255).notNullable().comment('DataProduct ref');
    table.string('rule', 255).notNullable();
    table.boolean('passed').notNullable();
    table.string('checked_at', 30).notNullable();
    table.primary(['product', 'rule']);
    table.index(['passed', 'product'], 'quality_rule_status_passed_idx');
    table.index(['checked_at'], 'quality_rule_status_at_idx');
  });
  // What the results held so far: the newest result of each rule.
  await knex.raw(
    `INSERT INTO quality_rule_status (product, rule, passed, checked_at)
     SELECT product, rule, passed, checked_at FROM quality_results
     WHERE id IN (SELECT MAX(id) FROM quality_results GROUP BY product, rule)`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('quality_rule_status');
};
