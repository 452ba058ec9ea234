from sqlalchemy import create_engine
from sqlalchemy.engine.url import URL
from urllib.parse import urlparse

engine = create_engine("sqlite://")
url = URL.create("postgresql", username="u")
url = url.set(database="other")
shown = engine.url.render_as_string(hide_password=False)


def web(request):
    request.url = "x"
    return str(request.url), str(urlparse("http://x"))
