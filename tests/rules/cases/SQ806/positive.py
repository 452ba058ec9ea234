from sqlalchemy.ext.horizontal_shard import ShardedSession
from sqlalchemy.orm import sessionmaker

session = ShardedSession(  # expect: SQ806
    shard_chooser=shard_chooser,
    id_chooser=id_chooser,
    query_chooser=query_chooser,
    shards=shards,
)
factory = sessionmaker(class_=ShardedSession, id_chooser=id_chooser)  # expect: SQ806
