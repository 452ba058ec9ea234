from sqlalchemy import case

a = case((t.c.x == 5, "five"), (t.c.x == 7, "seven"), else_="other")
b = case({5: "five"}, value=t.c.x)


def describe(command):
    match command:
        case [x, y]:
            return x + y
        case _:
            return None


def other(case):
    return case([1, 2])
