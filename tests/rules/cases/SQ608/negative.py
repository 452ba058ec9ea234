from sqlalchemy import LABEL_STYLE_TABLENAME_PLUS_COL, select

a = select(users).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
chart = make_chart()
chart.with_labels()
b = select(users.c.id)
