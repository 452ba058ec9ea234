"""mealie: a repository narrows a Query, hands it to a paginating helper that returns it with
the counts, and runs it under the same name."""
from sqlalchemy.orm import Session


class RecipeRepository:
    def __init__(self, session: Session):
        self.session = session

    def page(self, pagination, tags):
        q = self.session.query(Recipe)
        for tag in tags:
            q = q.filter(Recipe.tags.any(Tag.slug == tag))
        q, count, total_pages = self.add_pagination_to_query(q, pagination)
        data = q.all()  # expect: SQ101 weak
        return data, count, total_pages
