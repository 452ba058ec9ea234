# Unknown receivers whose `update()` / `delete()` / `insert()` arguments are not SQL.
class Store:
    def save(self, key, doc, row):
        self.cache.delete(key)
        self.settings.update({"a": 1})
        self.settings.update(timeout=3)
        self.collection.insert({"k": key})
        self.index.delete(doc.id == key)
        self.items.update(row)


def collect(mods):
    from app.models.dag import DagContext

    top_level = {m for m in mods}
    top_level.update(DagContext.autoregistered_dags)
    return top_level
