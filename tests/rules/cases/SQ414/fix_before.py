from sqlalchemy import create_engine

a = create_engine("sqlite://", encoding="utf-8", convert_unicode=True, echo=False)
b = create_engine("sqlite://", empty_in_strategy="static", case_sensitive=True)
c = create_engine("sqlite://", encoding="latin1")
