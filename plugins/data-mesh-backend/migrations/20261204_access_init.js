// @ts-check

// Access requests and their audit trail. Runs on SQLite and PostgreSQL:
// times are ISO-8601 UTC strings as Date.toISOString writes them (fixed
// width, so text order is time order on both), JSON is text, booleans are
// knex booleans.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('access_requests', table => {
    table.comment('Requests for read access to a data product, one row each');
    table.string('id', 36).primary().notNullable();
    table
      .string('product', 255)
      .notNullable()
      .comment('DataProduct entity ref');
    table.string('cluster', 255).notNullable();
    table.string('topic', 255).notNullable();
    table.string('principal_ref', 255).notNullable();
    table.string('principal', 255).notNullable();
    table.string('group_prefix', 255).notNullable();
    table.text('purpose').notNullable();
    table.string('duration', 64).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 30).notNullable();
    table.boolean('approval_required').notNullable();
    table.string('status', 16).notNullable();
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 30).nullable();
    table.text('decision_note').nullable();
    table.string('expires_at', 30).nullable();
    table.string('acl_state', 16).notNullable();
    table.text('acls').notNullable().comment('KafkaAcl[] as JSON');
    table.text('acl_error').nullable();
    table
      .string('acl_lease_until', 30)
      .nullable()
      .comment('A worker holds the row until then (ISO time)');
    // `<product>\n<principal_ref>` while pending or approved, else null:
    // the unique index then allows one open request per product and
    // principal even when two arrive at once (NULLs never collide).
    table.string('open_key', 520).nullable().unique();
    table.index(['product', 'status'], 'access_requests_product_status_idx');
    table.index(['status', 'expires_at'], 'access_requests_status_exp_idx');
    table.index(['acl_state'], 'access_requests_acl_state_idx');
    table.index(['requested_by'], 'access_requests_requested_by_idx');
  });

  await knex.schema.createTable('access_audit_events', table => {
    table.comment('Every change of an access request: who, when, what');
    table.increments('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('access_requests')
      .onDelete('CASCADE');
    table.string('product', 255).notNullable();
    table.string('at', 30).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 32).notNullable();
    table.text('note').nullable();
    table.text('acls').nullable().comment('KafkaAcl[] as JSON');
    table.index(['product', 'at'], 'access_audit_product_at_idx');
    table.index(['request_id'], 'access_audit_request_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('access_audit_events');
  await knex.schema.dropTable('access_requests');
};
