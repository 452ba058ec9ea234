# `select()` of other libraries on receivers of unknown kind.
class Page:
    def links(self, key):
        found = self.soup.select("a.link", limit=5)
        chosen = self.picker.select(key)
        rows = self.selector.select(timeout=3)
        return found, chosen, rows
