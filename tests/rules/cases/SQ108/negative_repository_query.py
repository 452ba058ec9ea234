from app.repository import MatrixDataSetRepository


def test_query(db_session):
    # A repository's own `query()` (taking a search string) returns a list, not a Query.
    dataset_repo = MatrixDataSetRepository(session=db_session)
    res = dataset_repo.query("name 2")
    assert len(res) == 1
    assert res[0].name == "some name 2"
    assert len(dataset_repo.query(None, 3)) == 1
