// @ts-check

/**
 * One row per Kubernetes Secret a run is storing a Tailscale auth key in, so runs
 * for one Secret, on any backend replica, take turns.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('inferadb_auth_key_locks', table => {
    table.comment('Who is storing a Tailscale auth key in a Secret right now');
    table
      .string('secret', 512)
      .primary()
      .notNullable()
      .comment('cluster/namespace/name');
    table.string('holder', 64).notNullable().comment('random id of the holder');
    table
      .string('task_id', 64)
      .nullable()
      .comment('scaffolder task holding it');
    table.bigInteger('acquired_at').notNullable().comment('epoch ms');
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment('epoch ms; a crashed holder loses the lock then');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('inferadb_auth_key_locks');
};
