from sqlalchemy import select

s = select(users.c.id)
froms = s.get_final_froms()
parser.froms
