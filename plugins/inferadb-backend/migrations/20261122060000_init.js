// @ts-check

/**
 * Health snapshots: the latest per region, served to every viewer, and a bounded
 * history per region for charts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('inferadb_region_snapshots', table => {
    table.comment('The latest evaluated health of each configured region');
    table.string('fleet', 255).notNullable();
    table.string('region', 255).notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('collected_at').notNullable().comment('epoch ms');
    table.string('etag', 64).notNullable().comment('hash of the health JSON');
    table.text('health').notNullable().comment('RegionHealth as JSON');
    table.primary(['fleet', 'region']);
  });
  await knex.schema.createTable('inferadb_region_history', table => {
    table.comment('Bounded history of region health for charts');
    table.bigIncrements('id').primary();
    table.string('fleet', 255).notNullable();
    table.string('region', 255).notNullable();
    table.bigInteger('collected_at').notNullable().comment('epoch ms');
    table.string('status', 16).notNullable();
    table.double('replication_lag_seconds').nullable();
    table.double('p95_latency_ms').nullable();
    table.double('disk_used_percent').nullable();
    table
      .text('failing_checks')
      .notNullable()
      .comment('JSON array of check ids');
    table.index(
      ['fleet', 'region', 'collected_at'],
      'inferadb_region_history_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('inferadb_region_history');
  await knex.schema.dropTable('inferadb_region_snapshots');
};
