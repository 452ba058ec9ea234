from asyncio import current_task
from sqlalchemy.ext.asyncio import async_scoped_session, async_sessionmaker, close_all_sessions
from sqlalchemy.orm import scoped_session, sessionmaker

Session = async_scoped_session(async_sessionmaker(), scopefunc=current_task)
Sync = scoped_session(sessionmaker())


async def shutdown():
    await close_all_sessions()
