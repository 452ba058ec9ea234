from requests import Session as HttpSession


class Client:
    @property
    def session(self) -> HttpSession:
        return HttpSession()

    def pages(self, params):
        q = self.session.query(params)
        return [r for r in q]
