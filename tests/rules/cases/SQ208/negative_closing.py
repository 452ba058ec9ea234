from contextlib import closing
from urllib.request import urlopen


def fetch(url):
    with closing(urlopen(url)) as resp:
        resp.execute("not SQL")
