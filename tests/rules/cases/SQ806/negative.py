from sqlalchemy.ext.horizontal_shard import ShardedSession

session = ShardedSession(
    shard_chooser=shard_chooser,
    identity_chooser=identity_chooser,
    execute_chooser=execute_chooser,
    shards=shards,
)
