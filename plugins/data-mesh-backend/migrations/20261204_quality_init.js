// @ts-check

// The contract monitor: where it has read each product's topic to, and
// what each check found. Runs on SQLite and PostgreSQL: times are ISO-8601
// UTC strings as Date.toISOString writes them (fixed width, so text order
// is time order on both), offsets are decimal text (int64 does not fit a
// JS number), JSON is text, booleans are knex booleans.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('quality_cursors', table => {
    table.comment('Per product and partition: the next offset to check');
    table.string('product', 255).notNullable().comment('DataProduct ref');
    table.string('topic', 255).notNullable();
    table.integer('partition').notNullable();
    table.string('next_offset', 24).notNullable();
    table
      .string('newest_at', 30)
      .nullable()
      .comment('Timestamp of the newest record checked (ISO time)');
    table.primary(['product', 'partition']);
  });

  await knex.schema.createTable('quality_runs', table => {
    table.comment('One check of one product: schema conformance counts');
    table.increments('id').primary();
    table.string('product', 255).notNullable();
    table.string('checked_at', 30).notNullable();
    table.integer('records').notNullable().comment('Records read');
    table
      .integer('nonconforming')
      .notNullable()
      .comment('Records that did not decode against the registry schema');
    table
      .integer('skipped')
      .notNullable()
      .comment('New records passed over to stay within the per-run bound');
    table.index(['product', 'checked_at'], 'quality_runs_product_at_idx');
    table.index(['checked_at'], 'quality_runs_at_idx');
  });

  await knex.schema.createTable('quality_results', table => {
    table.comment('One rule checked in one run');
    table.increments('id').primary();
    table.string('product', 255).notNullable();
    table.string('rule', 255).notNullable();
    table.string('metric', 32).notNullable();
    table.string('severity', 16).notNullable();
    table.string('checked_at', 30).notNullable();
    table.double('value').notNullable();
    table.boolean('passed').notNullable();
    table.integer('checked').notNullable();
    table
      .text('failing_examples')
      .nullable()
      .comment('Masked record values as JSON');
    table.text('error').nullable();
    table.index(['product', 'rule', 'id'], 'quality_results_rule_idx');
    table.index(['checked_at'], 'quality_results_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('quality_results');
  await knex.schema.dropTable('quality_runs');
  await knex.schema.dropTable('quality_cursors');
};
